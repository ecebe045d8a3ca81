import type { Heatmap, HeatmapCell } from '@leeway/contracts';
import { describe, expect, it } from 'vitest';
import {
  cellClassOf,
  cellStateOf,
  cellValueText,
  hiddenSentence,
} from '../src/features/org/heatmap/heatmapCells.ts';
import {
  extremesOf,
  filterRows,
  rowsOf,
  sortRows,
  withoutWeeksBeforeAnyTeam,
} from '../src/features/org/heatmap/heatmapRows.ts';

const WEEKS = ['2026-W10', '2026-W11', '2026-W12'];
const value = (week: string, v: number): HeatmapCell => ({
  week,
  value: v,
  respondents: 8,
  suppressed: false,
  reason: null,
});
const hidden = (week: string, reason: 'fewer_than_k' | 'protecting' | 'no_data'): HeatmapCell => ({
  week,
  value: null,
  respondents: null,
  suppressed: reason !== 'no_data',
  reason,
});
const team = (name: string, ...cells: ((week: string) => HeatmapCell)[]) => ({
  teamId: name.toLowerCase(),
  name,
  cells: cells.map((cell, i) => cell(WEEKS[i]!)),
});
const v = (n: number) => (week: string) => value(week, n);
const h = (reason: 'fewer_than_k' | 'protecting' | 'no_data') => (week: string) =>
  hidden(week, reason);

const heatmap = (teams: Heatmap['teams']): Heatmap => ({
  metric: 'engagement',
  k: 5,
  current: { week: '2026-W13', closesAt: '2026-03-29T22:00:00.000Z' },
  weeks: WEEKS,
  teams,
});

const rows = rowsOf(
  heatmap([
    team('team 10', v(50), v(60), v(70)),
    team('Team 9', v(80), h('fewer_than_k'), v(65)),
    team('alpha', h('no_data'), v(40), v(90)),
    team('Quiet', h('no_data'), h('protecting'), h('fewer_than_k')),
  ]),
);
const names = (list: { name: string }[]) => list.map((r) => r.name);

describe('heatmap rows', () => {
  it('take the last shown value and its change since the first shown one', () => {
    expect(rows.map((r) => [r.name, r.latest, r.change, r.before])).toEqual([
      ['team 10', 70, 20, 0],
      ['Team 9', 65, -15, 0],
      ['alpha', 90, 50, 1],
      ['Quiet', null, null, 1],
    ]);
  });

  it('sort by name as people read it: case-insensitive, numbers by value', () => {
    expect(names(sortRows(rows, 'name'))).toEqual(['alpha', 'Quiet', 'Team 9', 'team 10']);
  });

  it('sort by latest value or change either way, teams without a value last', () => {
    expect(names(sortRows(rows, 'latest-desc'))).toEqual(['alpha', 'team 10', 'Team 9', 'Quiet']);
    expect(names(sortRows(rows, 'latest-asc'))).toEqual(['Team 9', 'team 10', 'alpha', 'Quiet']);
    expect(names(sortRows(rows, 'change-desc'))).toEqual(['alpha', 'team 10', 'Team 9', 'Quiet']);
    expect(names(sortRows(rows, 'change-asc'))).toEqual(['Team 9', 'team 10', 'alpha', 'Quiet']);
  });

  it('break ties by name, and leave the input as it was', () => {
    const tied = rowsOf(heatmap([team('b', v(1), v(5)), team('a', v(2), v(5))]));
    expect(names(sortRows(tied, 'latest-desc'))).toEqual(['a', 'b']);
    expect(names(tied)).toEqual(['b', 'a']);
  });

  it('filter by a part of the name', () => {
    expect(names(filterRows(rows, 'team'))).toEqual(['team 10', 'Team 9']);
    expect(filterRows(rows, '')).toBe(rows);
  });

  it('name the highest and lowest latest value', () => {
    const { top, bottom } = extremesOf(rows);
    expect([top?.name, bottom?.name]).toEqual(['alpha', 'Team 9']);
  });
});

describe('heatmap cells', () => {
  const quiet = rows[3]!;
  const text = { metric: 'engagement' as const, k: 5 };

  it('say what they show: a value, a week before the team, or why they are hidden', () => {
    const states = quiet.cells.map((_, column) => cellStateOf(quiet, column));
    expect(states).toEqual([
      { kind: 'before-start' },
      { kind: 'hidden', reason: 'protecting' },
      { kind: 'hidden', reason: 'fewer_than_k' },
    ]);
    expect(states.map((s) => cellValueText(s, text))).toEqual([
      'before the team existed',
      'hidden to protect a smaller team',
      'fewer than 5 answers',
    ]);
    expect(states.map((s) => cellClassOf(s, 'engagement'))).toEqual([
      'heat heat-before',
      'heat heat-protecting',
      'heat heat-suppressed',
    ]);
    const value = cellStateOf(rows[0]!, 2);
    expect(cellValueText(value, text)).toBe('70');
    expect(cellClassOf(value, 'engagement')).toBe('heat heat-4');
  });

  it('are counted by why they are hidden, weeks before a team not among them', () => {
    expect(hiddenSentence(rows, 5)).toBe(
      '3 cells are hidden: 2 with fewer than 5 answers, 1 hidden to protect a smaller team.',
    );
    const later = rowsOf(heatmap([team('Left', v(50), h('no_data'), h('no_data'))]));
    expect(hiddenSentence(later, 5)).toBe('No cell is hidden. 2 cells have no members yet.');
  });
});

describe('the weeks shown', () => {
  it('start at the first week any team had members', () => {
    const trimmed = withoutWeeksBeforeAnyTeam(
      heatmap([
        team('a', h('no_data'), h('no_data'), v(50)),
        team('b', h('no_data'), v(40), v(50)),
      ]),
    );
    expect(trimmed.weeks).toEqual(['2026-W11', '2026-W12']);
    expect(trimmed.teams.map((t) => t.cells.map((c) => c.week))).toEqual([
      ['2026-W11', '2026-W12'],
      ['2026-W11', '2026-W12'],
    ]);
    const whole = heatmap([team('c', v(1), v(2), v(3))]);
    expect(withoutWeeksBeforeAnyTeam(whole)).toBe(whole);
  });
});
