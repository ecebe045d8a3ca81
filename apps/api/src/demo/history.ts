import type { ExperimentType } from '@leeway/contracts';
import { manualClock } from '@leeway/domain/clock';
import { LIKERT_ITEMS } from '@leeway/domain/metrics';
import { DEFAULT_MIN_GROUP_SIZE } from '@leeway/domain/suppression';
import { addWeeks, weekBounds, weekOf } from '@leeway/domain/weeks';
import type { LeewayApp } from '../app.ts';
import type { Caller, Ctx } from '../lib/context.ts';
import { createExperiment, updateExperiment } from '../modules/experiments/service.ts';
import { proposeIdea, voteForIdea } from '../modules/ideas/service.ts';
import { pulseIdOf, submitPulseResponse } from '../modules/pulse/service.ts';
import { vote } from '../modules/votes/service.ts';
import type { DemoTeam } from './seed.ts';

export const HISTORY_WEEKS = 16;

/** How each team feels, before any experiment: a base mood on the 1–5 scale and its weekly wobble. */
const MOOD: Record<string, { base: number; drift: number; participation: number }> = {
  Platform: { base: 3.3, drift: 0.12, participation: 0.85 },
  Mobile: { base: 3.0, drift: 0.15, participation: 0.8 },
  Data: { base: 3.5, drift: 0.1, participation: 0.9 },
  Design: { base: 3.6, drift: 0.1, participation: 0.85 },
  'Customer Success': { base: 2.9, drift: 0.18, participation: 0.75 },
  Legal: { base: 3.2, drift: 0.1, participation: 0.9 },
};

interface PlannedExperiment {
  team: string;
  type: ExperimentType;
  title: string;
  hypothesis: string;
  /** Start, relative to the current week (negative = in the past). */
  start: number;
  duration: number;
  /** Change of mood on the 1–5 scale while it runs (and after, when adopted). */
  effect: number;
  decision?: 'adopt' | 'adapt' | 'abandon';
  learnings?: string;
}

/** Ten experiments: some clearly worked, some did not, one inconclusive, one running now, one on Legal. */
const EXPERIMENTS: PlannedExperiment[] = [
  {
    team: 'Platform',
    type: 'decision_rights',
    title: 'The team picks its own on-call rota',
    hypothesis: 'Deciding the rota ourselves makes on-call feel fair and lifts energy.',
    start: -13,
    duration: 2,
    effect: 0.75,
    decision: 'adopt',
    learnings: 'Rota swaps dropped to zero; keep it.',
  },
  {
    team: 'Platform',
    type: 'self_set_deadlines',
    title: 'Engineers set their own sprint deadlines',
    hypothesis: 'Owning the dates makes deadlines feel achievable.',
    start: -8,
    duration: 2,
    effect: 0.05,
    decision: 'adapt',
    learnings: 'No clear change; try it only for larger epics.',
  },
  {
    team: 'Platform',
    type: 'planning_voice',
    title: 'The team drafts the quarterly roadmap',
    hypothesis: 'Shaping the roadmap gives us more voice and trust.',
    start: -1,
    duration: 2,
    effect: 0.5,
  },
  {
    team: 'Mobile',
    type: 'flexible_schedule',
    title: 'Core hours 10–15, the rest is yours',
    hypothesis: 'Flexible hours give more energy than they take.',
    start: -11,
    duration: 3,
    effect: 0.7,
    decision: 'adopt',
    learnings: 'Energy up; meetings moved into core hours.',
  },
  {
    team: 'Mobile',
    type: 'passion_project',
    title: 'Friday afternoons for side projects',
    hypothesis: 'Time for passion projects lifts growth.',
    start: -5,
    duration: 1,
    effect: -0.55,
    decision: 'abandon',
    learnings: 'Release pressure made Fridays stressful.',
  },
  {
    team: 'Data',
    type: 'skill_development',
    title: 'Four hours a week of learning time',
    hypothesis: 'Protected learning time lifts growth and energy.',
    start: -12,
    duration: 2,
    effect: 0.65,
    decision: 'adopt',
    learnings: 'Growth scores up; keep the learning block.',
  },
  {
    team: 'Data',
    type: 'decision_rights',
    title: 'The team chooses its tooling',
    hypothesis: 'Choosing our tools lifts autonomy.',
    start: -6,
    duration: 2,
    effect: 0.0,
    decision: 'adapt',
    learnings: 'Inconclusive; we will repeat it with a longer run.',
  },
  {
    team: 'Design',
    type: 'flexible_schedule',
    title: 'No-meeting Wednesdays',
    hypothesis: 'A quiet day gives more energy than it takes.',
    start: -9,
    duration: 2,
    effect: 0.45,
    decision: 'adopt',
  },
  {
    team: 'Customer Success',
    type: 'self_set_deadlines',
    title: 'Agents set their own ticket targets',
    hypothesis: 'Self-set targets reduce pressure.',
    start: -10,
    duration: 2,
    effect: -0.6,
    decision: 'abandon',
    learnings: 'Backlog grew and stress rose.',
  },
  {
    team: 'Legal',
    type: 'planning_voice',
    title: 'The team plans its own contract reviews',
    hypothesis: 'Planning our reviews lifts voice.',
    start: -7,
    duration: 1,
    effect: 0.4,
    decision: 'adapt',
  },
];

const COMMENTS = [
  'Too many meetings this week.',
  'Loved pairing on the migration.',
  'Priorities changed twice; hard to focus.',
  'Great support from the team.',
  'I would like more say in planning.',
  'The new on-call rota works well.',
  'Deadlines felt unrealistic.',
  'Learning time was the highlight of my week.',
  'Please keep the quiet Wednesdays.',
  'Feeling stretched thin.',
  'Good week, shipped something I am proud of.',
  'Could we get clearer goals for the quarter?',
];

/** Deterministic pseudo-random numbers (mulberry32), so every demo looks the same. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  return { next, normal };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * 16 weeks of pulses and 10 experiments, produced by the same service code the API runs,
 * week by week on a clock that walks from the past to now.
 */
export async function seedHistory(
  app: LeewayApp,
  org: { id: string; name: string; timezone: string; hrId: string; createdAt: Date },
  teams: DemoTeam[],
) {
  const rng = random(20_261_128);
  const realNow = app.clock.now();
  const current = weekOf(realNow, org.timezone);
  const clock = manualClock(realNow);
  const orgInfo = {
    id: org.id,
    name: org.name,
    timezone: org.timezone,
    earlierZones: [],
    minGroupSize: DEFAULT_MIN_GROUP_SIZE,
    baselineWeeks: 2,
    createdAt: org.createdAt,
  };
  const ctxFor = (caller: Partial<Caller> & { userId: string; role: Caller['role'] }): Ctx => ({
    db: app.db,
    clock,
    config: app.config,
    caller: {
      sessionId: 'demo',
      orgId: org.id,
      name: '',
      email: '',
      leadTeamIds: [],
      memberTeamId: null,
      org: orgInfo,
      ...caller,
    },
  });
  const byName = new Map(teams.map((t) => [t.name, t]));
  const personal = new Map<string, number>();
  for (const team of teams) for (const m of team.members) personal.set(m.id, rng.normal() * 0.35);

  const created: { id: string; plan: PlannedExperiment; end: string }[] = [];
  const effectOn = (team: string, week: string) => {
    let effect = 0;
    for (const e of created) {
      if (e.plan.team !== team) continue;
      const start = addWeeks(current, e.plan.start);
      if (week >= start && week <= e.end) effect += e.plan.effect;
      else if (week > e.end && e.plan.decision === 'adopt') effect += e.plan.effect * 0.6;
    }
    return effect;
  };

  const drift = new Map(teams.map((t) => [t.name, 0]));
  // Members' votes on ended experiments draw from their own stream, so the pulses stay as they were.
  const voteRng = random(20_261_130);
  for (let offset = -HISTORY_WEEKS; offset <= 0; offset++) {
    const week = addWeeks(current, offset);
    const { opensAt } = weekBounds(week, org.timezone);
    // Mid-week, or now for the current week.
    clock.set(offset === 0 ? realNow : new Date(opensAt.getTime() + 2.5 * 86_400_000));

    for (const plan of EXPERIMENTS) {
      // Launched the week before it starts (or this week for one starting now).
      if (plan.start - 1 === offset) {
        const team = byName.get(plan.team)!;
        const e = await createExperiment(
          ctxFor({ userId: team.leadId, role: 'lead', leadTeamIds: [team.id] }),
          team.id,
          {
            type: plan.type,
            title: plan.title,
            hypothesis: plan.hypothesis,
            startWeek: addWeeks(current, plan.start),
            durationWeeks: plan.duration,
            baselineWeeks: 2,
            // Legal (3 people) is below k: its experiment is launched knowingly as not measured.
            notMeasured: plan.team === 'Legal',
          },
        );
        created.push({ id: e.id, plan, end: e.endWeek });
      }
    }

    for (const team of teams) {
      const mood = MOOD[team.name]!;
      const d = clamp(drift.get(team.name)! * 0.6 + rng.normal() * mood.drift, -0.5, 0.5);
      drift.set(team.name, d);
      for (const member of team.members) {
        const isDemoMember = member.email === 'member@example.com';
        // This week is still open: a few have answered; the demo member has not, so the pulse waits for them.
        const chance =
          offset === 0 ? (isDemoMember ? 0 : mood.participation * 0.5) : mood.participation;
        if (rng.next() > chance) continue;
        const level = mood.base + d + personal.get(member.id)! + effectOn(team.name, week);
        const answer = (spread: number) => clamp(Math.round(level + rng.normal() * spread), 1, 5);
        const answers = Object.fromEntries(
          LIKERT_ITEMS.map((item) => [item, answer(0.8)]),
        ) as Record<(typeof LIKERT_ITEMS)[number], number>;
        const enps = clamp(Math.round((level - 1) * 2.5 + rng.normal() * 1.6), 0, 10);
        const comment =
          rng.next() < 0.22 ? COMMENTS[Math.floor(rng.next() * COMMENTS.length)] : undefined;
        // During an experiment most also answer its fidelity item (their own stream of numbers).
        const running = created.find(
          (e) =>
            e.plan.team === team.name && addWeeks(current, e.plan.start) <= week && week <= e.end,
        );
        const fidelity =
          running && voteRng.next() < 0.85
            ? clamp(Math.round(3.9 + voteRng.normal() * 0.8), 1, 5)
            : undefined;
        await submitPulseResponse(
          ctxFor({ userId: member.id, role: 'member', memberTeamId: team.id }),
          {
            pulseId: pulseIdOf(team.id, week),
            answers: { ...answers, enps },
            ...(fidelity !== undefined ? { fidelity } : {}),
            ...(comment ? { comment } : {}),
          },
        );
      }
    }

    // The week after an experiment's last week, its members vote (most of them, mostly as the
    // lead later decides); the count shows once that week has closed, from k voters.
    for (const e of created) {
      if (addWeeks(e.end, 1) !== week) continue;
      const team = byName.get(e.plan.team)!;
      for (const member of team.members) {
        if (voteRng.next() < 0.2) continue;
        const choices = ['adopt', 'adapt', 'abandon'] as const;
        const choice =
          voteRng.next() < 0.65
            ? (e.plan.decision ?? 'adapt')
            : choices[Math.floor(voteRng.next() * 3)]!;
        await vote(ctxFor({ userId: member.id, role: 'member', memberTeamId: team.id }), e.id, {
          choice,
        });
      }
    }
  }

  clock.set(realNow);
  for (const { id, plan } of created) {
    if (!plan.decision) continue;
    const team = byName.get(plan.team)!;
    await updateExperiment(
      ctxFor({ userId: team.leadId, role: 'lead', leadTeamIds: [team.id] }),
      id,
      {
        decision: plan.decision,
        ...(plan.learnings ? { learnings: plan.learnings } : {}),
      },
    );
  }

  const platform = byName.get('Platform')!;
  const memberCtx = (i: number) =>
    ctxFor({ userId: platform.members[i]!.id, role: 'member', memberTeamId: platform.id });
  const idea = await proposeIdea(memberCtx(1), platform.id, {
    type: 'passion_project',
    text: 'One sprint a quarter for the tech debt we care about most.',
    anonymous: true,
  });
  await proposeIdea(memberCtx(2), platform.id, {
    type: 'skill_development',
    text: 'A monthly brown-bag where we teach each other.',
  });
  for (const i of [2, 3, 4]) await voteForIdea(memberCtx(i), platform.id, idea.id);
}
