import { randomBytes } from 'node:crypto';
import type { Answers } from '@leeway/domain/metrics';
import { EXPERIMENT_TYPES } from '@leeway/domain/vocabulary';

const VOTES = '/api/experiments/:id/votes';

import { addWeeks, weekOf } from '@leeway/domain/weeks';
import fc from 'fast-check';
import { type Client, createTeam, signUpOrg, unique } from '../helpers/api.ts';
import type { TestApp } from '../helpers/app.ts';
import { quickMembers } from '../helpers/world.ts';
import { addLeadOf, longSession, quickLead } from './sessions.ts';
import { Truth } from './truth.ts';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Pacific/Auckland',
  'Asia/Kolkata',
];

/** What fast-check chooses; the details of every week follow from `seed`. */
export interface ScenarioParams {
  seed: number;
  k0: number;
  teamSizes: number[];
  /** A team created in the middle of the history, with this many people, or none. */
  lateTeam: number | null;
  /** Weeks of history that will have closed when the last snapshot is taken. */
  weeks: number;
  /** Days after 2026-10-01 (crosses the 53-week year 2026 in some runs). */
  startDay: number;
  raise: { week: number; by: number };
  lower: { week: number; by: number };
  zone: { week: number; timezone: string };
  /** A week in which almost nobody answers (the org's total may hold fewer than k), or none. */
  quietWeek: number | null;
}

// Without fast-check's bias towards small values: tiny organisations are one case among many.
export const scenarioArb: fc.Arbitrary<ScenarioParams> = fc.noBias(
  fc.integer({ min: 4, max: 5 }).chain((weeks) =>
    fc.record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      k0: fc.integer({ min: 3, max: 7 }),
      teamSizes: fc.array(
        fc.oneof(
          { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) },
          { weight: 3, arbitrary: fc.integer({ min: 6, max: 30 }) },
        ),
        { minLength: 2, maxLength: 5 },
      ),
      lateTeam: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
      weeks: fc.constant(weeks),
      startDay: fc.integer({ min: 0, max: 120 }),
      raise: fc.record({
        week: fc.integer({ min: 1, max: weeks - 1 }),
        by: fc.integer({ min: 1, max: 2 }),
      }),
      lower: fc.record({
        week: fc.integer({ min: 1, max: weeks - 1 }),
        by: fc.integer({ min: 1, max: 3 }),
      }),
      zone: fc.record({
        week: fc.integer({ min: 1, max: weeks }),
        timezone: fc.constantFrom(...ZONES),
      }),
      quietWeek: fc.option(fc.integer({ min: 0, max: weeks - 1 }), { nil: null }),
    }),
  ),
);

/** mulberry32: a small deterministic PRNG for the week-by-week details. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { next, int, pick, chance, shuffle };
}
export type Rng = ReturnType<typeof prng>;

/** The organisation as the test drives it, with the truth it planted. */
export interface World {
  t: TestApp;
  orgId: string;
  admin: Client;
  truth: Truth;
  /** Lead client per team (one lead leads two teams). */
  leads: Map<string, { id: string; api: Client }>;
  /** Every person's session. */
  people: Map<string, Client>;
  /** The week in progress, as the API last named it. */
  current: { week: string; closesAt: string };
  /** The first week of the org (its creation). */
  firstWeek: string;
  kNow: number;
  /** Reads of the org trends as a week begins (GET /api/org/trends as admin), kept as observations. */
  mondayReads: {
    at: Date;
    kNow: number;
    current: string;
    teams: { id: string; name: string }[];
    url: string;
    body: unknown;
    raw: string;
  }[];
}

export type SnapshotHook = (world: World, kind: 'light' | 'full', why: string) => Promise<void>;

const fail = (what: string, res: { status: number; raw: string }): never => {
  throw new Error(`${what}: ${res.status} ${res.raw.slice(0, 300)}`);
};

function randomAnswers(rng: Rng): Answers {
  return {
    energy: rng.int(1, 5),
    autonomy: rng.int(1, 5),
    voice: rng.int(1, 5),
    growth: rng.int(1, 5),
    trust: rng.int(1, 5),
    enps: rng.int(0, 10),
  };
}

/**
 * Drives one random organisation through the real API week by week (docs/product.md §1–§5):
 * answers with random participation, joins, leaves and moves between and within weeks,
 * experiments, a raise and a lowering of k, a change of time zone, the clock moving on. Calls
 * `snapshot` before each change of k (light) and once at the end (full), with answers planted in
 * the week in progress each time.
 */
export async function runScenario(t: TestApp, p: ScenarioParams, snapshot: SnapshotHook) {
  const rng = prng(p.seed);
  const truth = new Truth();
  const start = new Date(
    Date.UTC(2026, 9, 1) + p.startDay * 86_400_000 + rng.int(1, 20) * 3_600_000,
  );
  t.clock.set(start);
  const org = await signUpOrg(t.app, { orgName: unique('Audit') });
  truth.setK(t.clock.now(), 5);
  const admin = await longSession(t.app, org.orgId, org.adminId);
  const settings = await admin.patch('/api/org/settings', { minGroupSize: p.k0 });
  if (settings.status !== 200) fail('set k', settings);
  truth.setK(t.clock.now(), p.k0);

  const world: World = {
    t,
    orgId: org.orgId,
    admin,
    truth,
    leads: new Map(),
    people: new Map(),
    current: { week: weekOf(start, 'UTC'), closesAt: '' },
    firstWeek: weekOf(start, 'UTC'),
    kNow: p.k0,
    mondayReads: [],
  };

  const addPeople = async (teamId: string, n: number) => {
    const joinedAt = new Date(+t.clock.now() - 60_000); // as quickMembers writes it
    const people = await quickMembers(t.app, org.orgId, teamId, n);
    for (const person of people) {
      world.people.set(person.id, person.api);
      truth.join(person.id, teamId, joinedAt);
    }
  };
  const addTeam = async (size: number) => {
    const team = await createTeam(admin, unique('Team'));
    truth.teams.push({ id: team.id, name: team.name, createdAt: t.clock.now() });
    await addPeople(team.id, size);
    return team.id;
  };

  for (const size of p.teamSizes) await addTeam(size);
  const teamIds = () => truth.teams.map((team) => team.id);
  // One lead per team, except that the first lead also leads the second team.
  const firstLead = await quickLead(t.app, org.orgId, [teamIds()[0]!]);
  world.leads.set(teamIds()[0]!, firstLead);
  await addLeadOf(t.app, org.orgId, teamIds()[1]!, firstLead.id);
  world.leads.set(teamIds()[1]!, firstLead);
  for (const teamId of teamIds().slice(2)) {
    world.leads.set(teamId, await quickLead(t.app, org.orgId, [teamId]));
  }
  const lateWeek = p.lateTeam === null ? -1 : rng.int(1, p.weeks - 1);

  const move = async (userId: string, teamId: string | null) => {
    const res = await admin.patch(`/api/people/${userId}`, { teamId });
    if (res.status !== 200) fail('move', res);
    truth.leave(userId, t.clock.now());
    if (teamId !== null) truth.join(userId, teamId, t.clock.now());
  };
  const deactivate = async (userId: string) => {
    let res = await admin.patch(`/api/people/${userId}`, { active: false });
    if (res.status === 400) res = await admin.delete(`/api/people/${userId}`);
    if (res.status !== 200 && res.status !== 204) fail('deactivate', res);
    truth.leave(userId, t.clock.now());
    world.people.delete(userId);
  };
  const activeMembers = () =>
    truth.memberships.filter((m) => m.leftAt === null && world.people.has(m.userId));

  for (let w = 0; w <= p.weeks; w++) {
    if (w > 0) {
      // Into the next week: between 1 hour and 3 days after the last one closed.
      const closed = Date.parse(world.current.closesAt);
      t.clock.set(new Date(closed + rng.int(1, 72) * 3_600_000 + rng.int(0, 3599) * 1000));
    }
    // The week in progress, as a member's pulse names it (reading it closes nothing).
    const expected = w === 0 ? world.firstWeek : addWeeks(world.current.week, 1);
    const someone = activeMembers()[0];
    const pulse = someone ? await world.people.get(someone.userId)!.get('/api/pulse') : null;
    if (pulse && pulse.status !== 200) fail('pulse', pulse);
    let current = pulse?.body as { week: string; closesAt: string } | undefined;
    // Sometimes someone looks at the figures first thing, which closes the weeks that ended;
    // otherwise they close at the next read, whenever that is (closing is lazy).
    if (!current || rng.chance(0.5)) {
      const url = '/api/org/trends';
      const read = await admin.get(url);
      if (read.status !== 200) fail('monday read', read);
      current = read.body.current;
      world.mondayReads.push({
        at: t.clock.now(),
        kNow: world.kNow,
        current: read.body.current.week,
        teams: truth.teams.map((team) => ({ id: team.id, name: team.name })),
        url,
        body: read.body,
        raw: read.raw,
      });
    }
    if (current!.week !== expected) {
      throw new Error(
        `expected the week in progress to be ${expected}: ${JSON.stringify(current)}`,
      );
    }
    world.current = { week: current!.week, closesAt: current!.closesAt };
    truth.weeks.set(world.current.week, { closesAt: new Date(world.current.closesAt) });
    const week = world.current.week;

    // Changes before the answers: joins, moves, leaves.
    if (w === lateWeek) await addTeam(p.lateTeam!);
    if (w > 0 && rng.chance(0.4)) await addPeople(rng.pick(teamIds()), rng.int(1, 3));
    if (w > 0 && rng.chance(0.4)) {
      for (const m of rng.shuffle(activeMembers()).slice(0, rng.int(1, 2))) {
        const others = teamIds().filter((id) => id !== m.teamId);
        await move(m.userId, rng.pick(others));
      }
    }
    if (w > 0 && rng.chance(0.3)) {
      const m = rng.pick(activeMembers());
      if (m) {
        if (rng.chance(0.5)) await deactivate(m.userId);
        else await move(m.userId, null);
      }
    }

    // Answers: per team, none, 1..k−1, k or more, or everyone.
    const answered = new Set<string>();
    for (const teamId of teamIds()) {
      const eligible = rng.shuffle(
        activeMembers()
          .filter((m) => m.teamId === teamId && !answered.has(m.userId))
          .map((m) => m.userId),
      );
      const mode = rng.next();
      const k = world.kNow;
      const count =
        eligible.length === 0
          ? 0
          : w === p.quietWeek
            ? rng.chance(0.4)
              ? 1
              : 0
            : mode < 0.08
              ? 0
              : mode < 0.36
                ? rng.int(1, Math.min(k - 1, eligible.length))
                : mode < 0.83
                  ? eligible.length >= k
                    ? rng.int(k, eligible.length)
                    : eligible.length
                  : eligible.length;
      if (count === 0) continue;
      const pulse = await world.people.get(eligible[0]!)!.get('/api/pulse');
      if (pulse.status !== 200) fail('pulse', pulse);
      const pulseId: string = pulse.body.pulseId;
      const pulseTeam = pulseId.slice(0, pulseId.lastIndexOf(':'));
      const planned = eligible.slice(0, count).map((userId) => ({
        userId,
        answers: randomAnswers(rng),
        comment: rng.chance(0.3) ? `cmt${randomBytes(6).toString('hex')}` : null,
      }));
      // Sent together (a real team answers at once); planted in the truth as each is stored.
      await Promise.all(
        planned.map(async ({ userId, answers, comment }) => {
          const res = await world.people.get(userId)!.post('/api/pulse/responses', {
            pulseId,
            answers,
            ...(comment ? { comment } : {}),
          });
          if (res.status !== 201) fail(`answer of ${userId} to ${pulseId}`, res);
          if (res.body.week !== week) {
            throw new Error(`answer stored in ${res.body.week}, the week in progress is ${week}`);
          }
          truth.plant({ userId, teamId: pulseTeam, week: res.body.week, answers, comment });
          answered.add(userId);
        }),
      );
    }

    // Changes after the answers: people who answered move or leave within the week.
    if (rng.chance(0.35)) {
      for (const userId of rng.shuffle([...answered]).slice(0, rng.int(1, 2))) {
        const from = truth.currentTeam(userId);
        const others = teamIds().filter((id) => id !== from);
        if (from && others.length > 0) await move(userId, rng.pick(others));
      }
    }
    if (answered.size > 0 && rng.chance(0.15)) {
      const userId = rng.pick([...answered]);
      if (world.people.has(userId)) await deactivate(userId);
    }

    // Votes: in the week after an experiment's last week its team's members may vote (none, a
    // few or many of them), if the app has votes.
    if (world.t.app.routeTable.some((r) => r.method === 'POST' && r.url === VOTES)) {
      for (const e of truth.experiments) {
        if (e.cancelledWeek !== null || addWeeks(e.endWeek, 1) !== week) continue;
        const voters = rng.shuffle(
          activeMembers()
            .filter((m) => m.teamId === e.teamId)
            .map((m) => m.userId),
        );
        const mode = rng.next();
        const count =
          mode < 0.2
            ? 0
            : mode < 0.6
              ? rng.int(0, Math.min(voters.length, world.kNow))
              : voters.length;
        for (const userId of voters.slice(0, count)) {
          const choice = rng.pick(['adopt', 'adapt', 'abandon'] as const);
          const res = await world.people
            .get(userId)!
            .post(`/api/experiments/${e.id}/votes`, { choice });
          if (res.status !== 201) fail(`vote of ${userId} on ${e.id}`, res);
          // The voter's own answer shows nothing of the tally while voting is open.
          if (res.body.shown !== false || res.body.counts !== null || res.body.voters !== null) {
            throw new Error(`a vote during the voting week shows the tally: ${res.raw}`);
          }
          truth.vote(e.id, userId, choice);
        }
      }
    }

    // Experiments: random team, type, start (this week or up to two ahead), duration, baseline.
    for (const teamId of teamIds()) {
      if (!rng.chance(0.15)) continue;
      const res = await admin.post(`/api/teams/${teamId}/experiments`, {
        type: rng.pick(EXPERIMENT_TYPES),
        title: unique('Experiment'),
        hypothesis: 'It helps.',
        startWeek: addWeeks(week, rng.pick([0, 0, 1, 2])),
        durationWeeks: rng.pick([1, 1, 2, 2, 3, 4]),
        baselineWeeks: rng.int(1, 4),
      });
      if (res.status === 409) continue;
      if (res.status !== 201) fail('experiment', res);
      truth.experiments.push({
        id: res.body.id,
        teamId,
        type: res.body.type,
        startWeek: res.body.startWeek,
        endWeek: res.body.endWeek,
        durationWeeks: res.body.durationWeeks,
        baselineWeeks: res.body.baselineWeeks,
        cancelledWeek: null,
      });
    }
    if (rng.chance(0.12)) {
      const live = truth.experiments.filter((e) => e.cancelledWeek === null && e.endWeek >= week);
      const victim = live.length > 0 ? rng.pick(live) : null;
      if (victim) {
        const res = await admin.patch(`/api/experiments/${victim.id}`, { status: 'cancelled' });
        if (res.status !== 200) fail('cancel', res);
        victim.cancelledWeek = res.body.cancelledWeek;
      }
    }

    if (w === p.weeks) {
      await snapshot(world, 'full', 'end');
      break;
    }
    // Changes of k (mid-week; the figures are looked at first) and of the time zone.
    for (const change of [p.raise, p.lower]) {
      if (change.week !== w) continue;
      const k = change === p.raise ? world.kNow + change.by : Math.max(3, world.kNow - change.by);
      if (k === world.kNow) continue;
      await snapshot(world, 'light', `before k ${world.kNow} → ${k}`);
      const res = await admin.patch('/api/org/settings', { minGroupSize: k });
      if (res.status !== 200) fail('change k', res);
      truth.setK(t.clock.now(), k);
      world.kNow = k;
    }
    if (p.zone.week === w) {
      const res = await admin.patch('/api/org/settings', { timezone: p.zone.timezone });
      if (res.status !== 200) fail('change time zone', res);
    }
  }
  return world;
}
