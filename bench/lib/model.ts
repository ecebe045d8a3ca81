/**
 * What the generator writes, row by row, exactly as the API would have written it:
 *
 * - a pulse answer is a receipt `(org, team, week, user)` plus a response with the answers, a
 *   random id, the week and no user id (responses of a team-week are shuffled, so their physical
 *   order says nothing about the receipts' order), plus the team-week rollup, whose sums come from
 *   the domain's own `engagementIndex` (5 × Σ(v − 1)), as `addToRollup` computes them;
 * - teams, leads (`team_leads`), members (users + memberships with a join date, some with a
 *   leave date) and experiments (calendar-consistent: never two in one week per team, decisions
 *   only once completed, cancellations in the past).
 *
 * Everything is drawn from streams keyed by (seed, org, team, week), so a team-week's rows do not
 * depend on batch size, write order or resumption.
 */
import { engagementIndex, LIKERT_ITEMS } from '../../packages/domain/src/metrics.ts';
import { addWeeks, weekBounds } from '../../packages/domain/src/weeks.ts';
import { type Rng, rng } from './rng.ts';

export const BENCH_PASSWORD = 'leeway-bench';

/** Column lists in COPY order. */
export const COLUMNS = {
  orgs: ['id', 'name', 'timezone', 'min_group_size', 'baseline_weeks', 'created_at'],
  users: [
    'id',
    'org_id',
    'email',
    'name',
    'role',
    'password_hash',
    'auth_version',
    'created_at',
    'deactivated_at',
  ],
  teams: ['id', 'org_id', 'name', 'created_at'],
  team_leads: ['org_id', 'team_id', 'user_id'],
  memberships: ['id', 'org_id', 'user_id', 'team_id', 'joined_at', 'left_at'],
  experiments: [
    'id',
    'org_id',
    'team_id',
    'type',
    'title',
    'hypothesis',
    'start_week',
    'end_week',
    'duration_weeks',
    'baseline_weeks',
    'cancelled_at',
    'decision',
    'learnings',
    'idea_id',
    'created_by',
    'created_at',
  ],
  pulse_receipts: ['org_id', 'team_id', 'week', 'user_id'],
  pulse_responses: [
    'id',
    'org_id',
    'team_id',
    'week',
    'energy',
    'autonomy',
    'voice',
    'growth',
    'trust',
    'enps',
    'comment',
  ],
  team_week_stats: [
    'org_id',
    'team_id',
    'week',
    'n',
    'sum_index',
    'sum_sq_index',
    'energy_sum',
    'autonomy_sum',
    'voice_sum',
    'growth_sum',
    'trust_sum',
    'promoters',
    'detractors',
  ],
} as const;

export type Table = keyof typeof COLUMNS;
/** Tables in an order that satisfies every foreign key. */
export const TABLE_ORDER: Table[] = [
  'orgs',
  'users',
  'teams',
  'team_leads',
  'memberships',
  'experiments',
  'pulse_receipts',
  'pulse_responses',
  'team_week_stats',
];

type Cell = string | number | Date | null | undefined;

/** PostgreSQL COPY text format. */
function encode(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Rows of one write batch, already encoded as COPY lines. */
export class Batch {
  readonly lines: Record<Table, string[]> = {
    orgs: [],
    users: [],
    teams: [],
    team_leads: [],
    memberships: [],
    experiments: [],
    pulse_receipts: [],
    pulse_responses: [],
    team_week_stats: [],
  };

  add(table: Table, row: Cell[]): void {
    if (row.length !== COLUMNS[table].length) throw new Error(`${table}: wrong column count`);
    this.lines[table].push(`${row.map(encode).join('\t')}\n`);
  }

  count(table: Table): number {
    return this.lines[table].length;
  }
}

export interface OrgSpec {
  /** Stable key of the org in the generator ("main", "small-1", …). */
  key: string;
  name: string;
  emailDomain: string;
  timezone: string;
  teams: number;
  size: number;
}

export interface GenSettings {
  seed: string;
  /** The week "now" was in when the data set was first generated; data covers the weeks before it. */
  anchorWeek: string;
  /** When every member joined (long before any generated week). */
  joinedAt: Date;
  /** When the data set was first generated: nothing is dated after it. */
  generatedAt: Date;
  passwordHash: string;
}

export const orgIdOf = (s: GenSettings, org: OrgSpec) => rng(s.seed, org.key, 'org').uuid();
export const adminEmailOf = (org: OrgSpec) => `admin@${org.emailDomain}`;
export const leadEmailOf = (org: OrgSpec, teamNo: number) => `lead.${teamNo}@${org.emailDomain}`;

export function addOrg(batch: Batch, s: GenSettings, org: OrgSpec): string {
  const orgId = orgIdOf(s, org);
  const r = rng(s.seed, org.key, 'org-people');
  batch.add('orgs', [orgId, org.name, org.timezone, 5, 2, s.joinedAt]);
  batch.add('users', [
    r.uuid(),
    orgId,
    adminEmailOf(org),
    'Harper Admin',
    'admin',
    s.passwordHash,
    0,
    s.joinedAt,
    null,
  ]);
  batch.add('users', [
    r.uuid(),
    orgId,
    `people.ops@${org.emailDomain}`,
    'Pat People-Ops',
    'admin',
    s.passwordHash,
    0,
    s.joinedAt,
    null,
  ]);
  return orgId;
}

const DEPARTMENTS = [
  'Platform',
  'Mobile',
  'Data',
  'Design',
  'Customer Success',
  'Sales',
  'Finance',
  'Payments',
  'Search',
  'Growth',
  'Security',
  'Infrastructure',
  'Support',
  'Marketing',
  'Research',
  'Operations',
];
const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Gita', 'Hugo', 'Ines', 'Jack'];
const LAST = ['Andersen', 'Brooks', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Hughes', 'Ito'];
const COMMENTS = [
  'Too many meetings this week.',
  'Loved pairing on the migration.',
  'Priorities changed twice; hard to focus.',
  'Great support from the team.',
  'I would like more say in planning.',
  'Deadlines felt unrealistic.',
  'Learning time was the highlight of my week.',
  'Feeling stretched thin.',
  'Good week, shipped something I am proud of.',
  'Could we get clearer goals for the quarter?',
];

type ExperimentType =
  | 'decision_rights'
  | 'self_set_deadlines'
  | 'flexible_schedule'
  | 'skill_development'
  | 'planning_voice'
  | 'passion_project'
  | 'custom';

/** Type, how often it is chosen, and its true effect on the 1–5 mood scale. */
const TYPES: { type: ExperimentType; weight: number; effect: number; title: string }[] = [
  {
    type: 'decision_rights',
    weight: 3,
    effect: 0.35,
    title: 'The team decides how the project runs',
  },
  { type: 'self_set_deadlines', weight: 2, effect: 0.0, title: 'We set our own deadlines' },
  { type: 'flexible_schedule', weight: 3, effect: 0.3, title: 'Core hours, the rest is flexible' },
  { type: 'skill_development', weight: 2, effect: 0.25, title: 'Four hours a week to learn' },
  { type: 'planning_voice', weight: 2, effect: 0.15, title: 'The team drafts the plan' },
  {
    type: 'passion_project',
    weight: 1,
    effect: -0.1,
    title: 'Friday afternoons for side projects',
  },
  { type: 'custom', weight: 1, effect: 0.05, title: 'Our own idea' },
];
const TYPE_WEIGHT = TYPES.reduce((s, t) => s + t.weight, 0);

/** Item offsets on the 1–5 scale (growth and voice run lower, trust higher). */
const ITEM_OFFSET: Record<(typeof LIKERT_ITEMS)[number], number> = {
  energy: -0.05,
  autonomy: 0.05,
  voice: -0.15,
  growth: -0.25,
  trust: 0.2,
};

/** How far back churn and experiments are planned, whatever --weeks is (so --weeks can grow). */
const HORIZON = 260;

interface PlannedExperiment {
  /** Offsets in weeks before the anchor week: start ≥ end; ≤ 0 means the anchor week or later. */
  startOffset: number;
  duration: number;
  baseline: number;
  type: (typeof TYPES)[number];
  effect: number;
  /** Offset of the week it was cancelled in, if it was. */
  cancelledOffset: number | null;
  adopted: boolean;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function experimentPlan(r: Rng): PlannedExperiment[] {
  const plans: PlannedExperiment[] = [];
  let start = HORIZON - r.int(0, 8);
  while (start >= -2) {
    const u = r.next();
    const duration = u < 0.45 ? 1 : u < 0.8 ? 2 : u < 0.92 ? 3 : 4;
    let pick = r.next() * TYPE_WEIGHT;
    let type = TYPES[0]!;
    for (const t of TYPES) {
      pick -= t.weight;
      if (pick < 0) {
        type = t;
        break;
      }
    }
    const cancelled = r.chance(0.05);
    const cancelledOffset = cancelled ? start - r.int(0, duration - 1) : null;
    const effect = type.effect + r.normal() * 0.15;
    plans.push({
      startOffset: start,
      duration,
      baseline: r.chance(0.8) ? 2 : r.int(1, 4),
      type,
      effect,
      // Only in the past: a cancellation is an event that happened (offset ≥ 1).
      cancelledOffset: cancelledOffset !== null && cancelledOffset >= 1 ? cancelledOffset : null,
      adopted: effect > 0.15 ? r.chance(0.8) : r.chance(0.15),
    });
    start -= duration + r.int(2, 9);
  }
  return plans;
}

/** Mood shift an experiment plan causes in the week at `offset`. */
function experimentEffect(plans: PlannedExperiment[], offset: number): number {
  let effect = 0;
  for (const p of plans) {
    const end = p.startOffset - p.duration + 1;
    const stop = p.cancelledOffset ?? end;
    if (offset <= p.startOffset && offset >= stop) effect += p.effect;
    else if (p.cancelledOffset === null && p.adopted && offset < end && offset >= end - 12) {
      effect += p.effect * 0.5;
    }
  }
  return effect;
}

// luxon is exact but slow; the generator asks for the same few hundred weeks millions of times.
const weekCache = new Map<string, string>();
/** The week `offset` weeks before the anchor. */
function weekAt(s: GenSettings, offset: number): string {
  const key = `${s.anchorWeek}|${offset}`;
  let week = weekCache.get(key);
  if (week === undefined) {
    week = addWeeks(s.anchorWeek, -offset);
    weekCache.set(key, week);
  }
  return week;
}
const opensCache = new Map<string, Date>();
/** Monday 00:00 (in the org's zone) of the week `offset` weeks before the anchor. */
function opensAt(s: GenSettings, timezone: string, offset: number): Date {
  const key = `${s.anchorWeek}|${timezone}|${offset}`;
  let at = opensCache.get(key);
  if (at === undefined) {
    at = weekBounds(weekAt(s, offset), timezone).opensAt;
    opensCache.set(key, at);
  }
  return at;
}

/** Mid-week of the week at `offset` before the anchor (a timestamp the API could have written). */
function midWeek(s: GenSettings, timezone: string, offset: number): Date {
  return new Date(opensAt(s, timezone, offset).getTime() + 2.5 * 86_400_000);
}

export interface TeamResult {
  teamId: string;
  leadEmail: string;
  responses: number;
}

/**
 * One team's rows. A new team (`fromWeeks` = 0) gets its people, its experiments starting in the
 * covered weeks (and the running or planned ones), and pulses for weeks 1..`toWeeks` before the
 * anchor; an existing team (`fromWeeks` > 0) gets only weeks fromWeeks+1..toWeeks and the
 * experiments that start in them.
 */
export function addTeam(
  batch: Batch,
  s: GenSettings,
  org: OrgSpec,
  orgId: string,
  teamNo: number,
  fromWeeks: number,
  toWeeks: number,
): TeamResult {
  const r = rng(s.seed, org.key, teamNo, 'team');
  const teamId = r.uuid();
  const dept = DEPARTMENTS[teamNo % DEPARTMENTS.length]!;
  const name = `${dept} ${Math.floor(teamNo / DEPARTMENTS.length) + 1}`;
  const size = clamp(Math.round(org.size + r.normal() * 2.5), 3, org.size * 2);
  const base = 3.3 + r.normal() * 0.3;
  const participation = 0.6 + r.next() * 0.35;
  const wavePeriod = r.int(13, 26);
  const wavePhase = r.next() * wavePeriod;
  const leadId = r.uuid();
  const leadEmail = leadEmailOf(org, teamNo);

  interface Person {
    id: string;
    personal: number;
    /** Member during offsets joinedOffset ≥ o > leftOffset (null: all along). */
    joinedOffset: number | null;
    leftOffset: number | null;
  }
  const people: Person[] = [];
  for (let i = 0; i < size; i++) {
    people.push({
      id: r.uuid(),
      personal: r.normal() * 0.35,
      joinedOffset: null,
      leftOffset: null,
    });
  }
  // Churn: some teams gained a member recently; some lost one (who left the company).
  if (r.chance(0.2)) people[people.length - 1]!.joinedOffset = r.int(1, 52);
  const leaver: Person | null = r.chance(0.25)
    ? { id: r.uuid(), personal: r.normal() * 0.35, joinedOffset: null, leftOffset: r.int(1, 52) }
    : null;
  if (leaver) people.push(leaver);
  const plans = experimentPlan(rng(s.seed, org.key, teamNo, 'experiments'));

  if (fromWeeks === 0) {
    batch.add('teams', [teamId, orgId, name, s.joinedAt]);
    batch.add('users', [
      leadId,
      orgId,
      leadEmail,
      `${FIRST[teamNo % FIRST.length]} Lead-${teamNo}`,
      'lead',
      s.passwordHash,
      0,
      s.joinedAt,
      null,
    ]);
    batch.add('team_leads', [orgId, teamId, leadId]);
    const pr = rng(s.seed, org.key, teamNo, 'people');
    people.forEach((p, i) => {
      const joinedAt =
        p.joinedOffset === null ? s.joinedAt : opensAt(s, org.timezone, p.joinedOffset);
      const leftAt = p.leftOffset === null ? null : opensAt(s, org.timezone, p.leftOffset);
      batch.add('users', [
        p.id,
        orgId,
        `m.${teamNo}.${i}@${org.emailDomain}`,
        `${FIRST[pr.int(0, FIRST.length - 1)]} ${LAST[pr.int(0, LAST.length - 1)]}`,
        'member',
        s.passwordHash,
        0,
        joinedAt,
        leftAt,
      ]);
      batch.add('memberships', [pr.uuid(), orgId, p.id, teamId, joinedAt, leftAt]);
    });
  }

  for (const p of plans) {
    const endOffset = p.startOffset - p.duration + 1;
    // Every experiment with a week in the covered range or later, each written once.
    if (endOffset > toWeeks || (fromWeeks > 0 && endOffset <= fromWeeks)) continue;
    const er = rng(s.seed, org.key, teamNo, 'experiment', p.startOffset);
    const startWeek = weekAt(s, p.startOffset);
    const completed = endOffset >= 1;
    // Launched the week before it started (never later than the generation itself).
    const launched = midWeek(s, org.timezone, Math.max(0, p.startOffset + 1));
    const createdAt = new Date(Math.min(launched.getTime(), s.generatedAt.getTime()));
    const decision =
      completed && p.cancelledOffset === null
        ? p.adopted
          ? 'adopt'
          : p.effect < 0
            ? 'abandon'
            : 'adapt'
        : null;
    batch.add('experiments', [
      er.uuid(),
      orgId,
      teamId,
      p.type.type,
      p.type.title,
      `${p.type.title} will lift engagement.`,
      startWeek,
      weekAt(s, endOffset),
      p.duration,
      p.baseline,
      p.cancelledOffset === null ? null : midWeek(s, org.timezone, p.cancelledOffset),
      decision,
      decision && er.chance(0.6) ? `Decided to ${decision} after ${p.duration} week(s).` : null,
      null,
      leadId,
      createdAt,
    ]);
  }

  let responses = 0;
  for (let offset = fromWeeks + 1; offset <= toWeeks; offset++) {
    const week = weekAt(s, offset);
    const wr = rng(s.seed, org.key, teamNo, 'week', week);
    const weekNo = Number(week.slice(6));
    const season = weekNo >= 51 || weekNo <= 1 ? -0.15 : weekNo >= 28 && weekNo <= 34 ? 0.1 : 0;
    const level0 =
      base +
      season +
      0.15 * Math.sin((2 * Math.PI * (offset + wavePhase)) / wavePeriod) +
      wr.normal() * 0.1 +
      experimentEffect(plans, offset);
    const turnout = clamp(participation + wr.normal() * 0.05, 0.3, 1);
    const rows: {
      energy: number;
      autonomy: number;
      voice: number;
      growth: number;
      trust: number;
      enps: number;
      comment: string | null;
    }[] = [];
    for (const p of people) {
      const member =
        (p.joinedOffset === null || offset <= p.joinedOffset) &&
        (p.leftOffset === null || offset > p.leftOffset);
      if (!member || !wr.chance(turnout)) continue;
      const level = level0 + p.personal;
      const item = (name: (typeof LIKERT_ITEMS)[number]) =>
        clamp(Math.round(level + ITEM_OFFSET[name] + wr.normal() * 0.8), 1, 5);
      const answers = {
        energy: item('energy'),
        autonomy: item('autonomy'),
        voice: item('voice'),
        growth: item('growth'),
        trust: item('trust'),
        enps: clamp(Math.round((level - 1) * 2.5 + wr.normal() * 1.6), 0, 10),
      };
      const comment = wr.chance(0.12) ? wr.pick(COMMENTS) : null;
      batch.add('pulse_receipts', [orgId, teamId, week, p.id]);
      rows.push({ ...answers, comment });
    }
    if (rows.length === 0) continue;
    // The physical order of responses must not mirror the receipts'.
    wr.shuffle(rows);
    let sumIndex = 0;
    let sumSq = 0;
    let promoters = 0;
    let detractors = 0;
    const itemSums = { energy: 0, autonomy: 0, voice: 0, growth: 0, trust: 0 };
    for (const a of rows) {
      const index = engagementIndex(a);
      sumIndex += index;
      sumSq += index * index;
      for (const it of LIKERT_ITEMS) itemSums[it] += a[it] - 1;
      if (a.enps >= 9) promoters++;
      if (a.enps <= 6) detractors++;
      batch.add('pulse_responses', [
        wr.uuid(),
        orgId,
        teamId,
        week,
        a.energy,
        a.autonomy,
        a.voice,
        a.growth,
        a.trust,
        a.enps,
        a.comment,
      ]);
    }
    batch.add('team_week_stats', [
      orgId,
      teamId,
      week,
      rows.length,
      sumIndex,
      sumSq,
      itemSums.energy,
      itemSums.autonomy,
      itemSums.voice,
      itemSums.growth,
      itemSums.trust,
      promoters,
      detractors,
    ]);
    responses += rows.length;
  }
  return { teamId, leadEmail, responses };
}
