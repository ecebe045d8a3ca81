import type {
  Experiment,
  Heatmap,
  Impact,
  PersonSummary,
  Team,
  WeekAggregate,
} from '@leeway/contracts';
import { describe, expect, it } from 'vitest';
import { verdictSentence } from '../src/features/experiment/verdict.ts';
import { teamsNeedingAttention } from '../src/features/home/attention.ts';
import { leadNextStep } from '../src/features/home/nextStep.ts';
import { inverseOf } from '../src/features/people/inverse.ts';
import { changeBetween, changeText } from '../src/lib/change.ts';
import { formatChange, formatEnps, formatInterval, formatScore } from '../src/lib/format.ts';

const week = (w: string, mean: number | null, reason: WeekAggregate['reason'] = null) =>
  ({
    week: w,
    respondents: reason ? null : 6,
    members: 8,
    participation: reason ? null : 0.75,
    suppressed: reason !== null,
    reason,
    engagement: mean === null ? null : { mean, sd: 10 },
    enps: reason ? null : 10,
    items: null,
  }) satisfies WeekAggregate;

describe('numbers as people read them', () => {
  it('uses the true minus sign, and never shows "-0.0"', () => {
    expect(formatChange(-1.25)).toMatch(/^\u22121\.[23]$/);
    expect(formatChange(-0.04)).toBe('0.0');
    expect(formatInterval([-0.04, 24.5])).toBe('0.0 to 24.5');
    expect(formatInterval([-6.8, 11.2])).toBe('\u22126.8 to 11.2');
    expect(formatEnps(-35)).toBe('\u221235');
    expect(formatScore(-0.01)).toBe('0');
    for (const text of [formatChange(-3), formatEnps(-1), formatInterval([-2, -1])]) {
      expect(text).not.toContain('-');
    }
  });
});

describe('change since the previous closed week', () => {
  it('compares two published weeks only; a hidden one is named instead', () => {
    const mean = (w: WeekAggregate) => w.engagement?.mean ?? null;
    expect(changeBetween(week('2026-W48', 70), week('2026-W47', 65), mean)).toEqual({
      kind: 'change',
      value: 5,
    });
    const hiddenBefore = changeBetween(
      week('2026-W48', 70),
      week('2026-W47', null, 'fewer_than_k'),
      mean,
    );
    expect(hiddenBefore).toEqual({ kind: 'hidden', which: 'previous', reason: 'fewer_than_k' });
    expect(changeText(hiddenBefore, 5)).toBe(
      'no change shown: the week before is hidden (fewer than 5 answers)',
    );
    expect(
      changeBetween(week('2026-W48', null, 'protecting'), week('2026-W47', 60), mean).kind,
    ).toBe('hidden');
    expect(changeBetween(week('2026-W48', 70), undefined, mean)).toEqual({ kind: 'none' });
  });
});

const experiment = (over: Partial<Experiment>): Experiment =>
  ({
    id: 'x',
    teamId: 't',
    type: 'decision_rights',
    title: 'Own the rota',
    hypothesis: 'h',
    startWeek: '2026-W40',
    endWeek: '2026-W41',
    durationWeeks: 2,
    baselineWeeks: 2,
    status: 'completed',
    cancelledWeek: null,
    decision: null,
    learnings: null,
    ideaId: null,
    ...over,
  }) as Experiment;

describe("a lead's next step", () => {
  const team = { name: 'Platform', memberCount: 8 };
  const base = { teamId: 't', team, pulse: null, experiments: [], k: 5 };
  it('is one step, the most urgent first', () => {
    const pulse = { answered: false, teamName: 'Leadership' } as never;
    expect(leadNextStep({ ...base, pulse }).action).toBe("Answer this week's pulse");
    expect(leadNextStep({ ...base, team: { name: 'Platform', memberCount: 3 } }).action).toBe(
      'Invite your team',
    );
    expect(leadNextStep({ ...base, experiments: [experiment({})] }).action).toBe(
      'Record the decision',
    );
    expect(leadNextStep({ ...base, experiments: [experiment({ decision: 'adopt' })] }).action).toBe(
      "Plan next week's experiment",
    );
  });
});

describe('teams that need attention', () => {
  const heatmap = (cells: [string, (number | null)[]][]): Heatmap =>
    ({
      metric: 'engagement',
      k: 5,
      weeks: ['2026-W47', '2026-W48'],
      teams: cells.map(([name, values]) => ({
        teamId: name,
        name,
        cells: values.map((value, i) => ({
          week: i === 0 ? '2026-W47' : '2026-W48',
          value,
          respondents: null,
          suppressed: value === null,
          reason: value === null ? 'fewer_than_k' : null,
        })),
      })),
    }) as unknown as Heatmap;
  it('names drops between published weeks, low participation and teams too small', () => {
    const teams = [
      { id: 'Legal', name: 'Legal', memberCount: 3, leads: [] },
      { id: 'Data', name: 'Data', memberCount: 9, leads: [] },
    ] satisfies Team[];
    const found = teamsNeedingAttention({
      teams,
      engagement: heatmap([
        ['Data', [70, 62]],
        ['Mobile', [null, 40]],
        ['Design', [60, 65]],
      ]),
      participation: heatmap([['Data', [0.9, 0.4]]]),
      k: 5,
    });
    expect(found.map((a) => [a.name, a.why])).toEqual([
      ['Data', 'Engagement fell by 8.0 points since the week before'],
      ['Data', 'Only 40% answered last week'],
      ['Legal', '3 members, fewer than 5: its results can never show until it grows'],
    ]);
  });
});

describe('undo of a change to a person', () => {
  const lead: PersonSummary = {
    id: 'p',
    name: 'Lena',
    email: 'l@x',
    role: 'lead',
    teamId: 'home',
    leads: ['a', 'b'],
    active: true,
  };
  it('puts back the role with the led teams, the team, the leads, or reactivates', () => {
    expect(inverseOf(lead, { role: 'member' })).toEqual({ role: 'lead', leads: ['a', 'b'] });
    expect(inverseOf(lead, { teamId: 'c' })).toEqual({ teamId: 'home' });
    expect(inverseOf(lead, { leads: ['a'] })).toEqual({ leads: ['a', 'b'] });
    expect(inverseOf(lead, { active: false })).toEqual({
      active: true,
      teamId: 'home',
      leads: ['a', 'b'],
    });
    expect(inverseOf(lead, { role: 'lead' })).toBeNull();
  });
});

describe('the headline agrees with the comparison beside it', () => {
  const impact = (didCi: [number, number]) =>
    ({
      suppressed: false,
      effect: { diff: 12.2, ci95: [2.1, 22.3], verdict: 'improved', p: 0.02, mde: 9 },
      did: { diff: 12.2, ci95: didCi, p: 0.06, comparisonTeams: 4 },
    }) as unknown as Impact;
  it("says it can't be told apart when the interval includes zero, as shown", () => {
    const crossing = verdictSentence(impact([-0.04, 24.5]), 2) ?? '';
    expect(crossing).toMatch(/can't tell it apart from teams without an experiment/);
    expect(crossing).not.toMatch(/about the same/);
    // 0.04 shows as "0.0": the words follow what is shown, not the hidden decimals.
    expect(verdictSentence(impact([0.04, 24.5]), 2)).toMatch(/can't tell it apart/);
    expect(verdictSentence(impact([0.5, 24.5]), 2)).toMatch(/— more than teams/);
  });
});
