import type {
  CreateExperimentBody,
  Experiment,
  Impact,
  ImpactWindow,
  UpdateExperimentBody,
} from '@leeway/contracts';
import {
  type ExperimentSchedule,
  type ExperimentStatus,
  endWeekOf,
  experimentStatus,
  impactWindows,
  occupiedWeeks,
  rangesOverlap,
} from '@leeway/domain/experiments';
import {
  addStats,
  emptyStats,
  LIKERT_ITEMS,
  type SufficientStats,
  summarize,
} from '@leeway/domain/metrics';
import { differenceInDifferences, sampleFromStats, verdictOf, welch } from '@leeway/domain/stats';
import { isSuppressed } from '@leeway/domain/suppression';
import {
  addWeeks,
  compareWeeks,
  isIsoWeek,
  weekDiff,
  weekOf,
  weekRange,
} from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import type { TeamWeekStats } from '../aggregates/repository.ts';
import * as aggregatesRepo from '../aggregates/repository.ts';
import { type HiddenCells, hiddenTeamWeeks } from '../aggregates/service.ts';
import * as ideasRepo from '../ideas/repository.ts';
import * as teamsRepo from '../teams/repository.ts';
import * as repo from './repository.ts';

const MAX_LEAD_WEEKS = 52;

export const currentWeek = (ctx: Ctx) => weekOf(ctx.clock.now(), ctx.caller.org.timezone);

export function scheduleOf(row: repo.ExperimentRow, timezone: string): ExperimentSchedule {
  return {
    startWeek: row.startWeek,
    durationWeeks: row.durationWeeks,
    baselineWeeks: row.baselineWeeks,
    cancelledWeek: row.cancelledAt ? weekOf(row.cancelledAt, timezone) : null,
  };
}

export function toExperiment(row: repo.ExperimentRow, timezone: string, week: string): Experiment {
  return {
    id: row.id,
    teamId: row.teamId,
    type: row.type,
    title: row.title,
    hypothesis: row.hypothesis,
    startWeek: row.startWeek,
    endWeek: row.endWeek,
    durationWeeks: row.durationWeeks,
    baselineWeeks: row.baselineWeeks,
    status: experimentStatus(scheduleOf(row, timezone), week),
    cancelledWeek: row.cancelledAt ? weekOf(row.cancelledAt, timezone) : null,
    decision: row.decision,
    learnings: row.learnings,
    ideaId: row.ideaId,
  };
}

export async function listExperiments(ctx: Ctx, teamId: string) {
  const week = currentWeek(ctx);
  const rows = await repo.teamExperiments(ctx.db, teamId);
  return { experiments: rows.map((r) => toExperiment(r, ctx.caller.org.timezone, week)) };
}

export async function getExperiment(ctx: Ctx, id: string): Promise<Experiment> {
  const row = await repo.findExperiment(ctx.db, ctx.caller.orgId, id);
  if (!row) throw notFound('Experiment');
  return toExperiment(row, ctx.caller.org.timezone, currentWeek(ctx));
}

export async function createExperiment(
  ctx: Ctx,
  teamId: string,
  input: CreateExperimentBody,
): Promise<Experiment> {
  const { org, orgId } = ctx.caller;
  const week = currentWeek(ctx);
  if (!isIsoWeek(input.startWeek))
    throw invalid('startWeek', 'is not an existing ISO week (YYYY-Www)');
  if (compareWeeks(input.startWeek, week) < 0) {
    throw invalid('startWeek', `must be the current week (${week}) or later`);
  }
  if (weekDiff(week, input.startWeek) > MAX_LEAD_WEEKS) {
    throw invalid('startWeek', `must be within ${MAX_LEAD_WEEKS} weeks from now`);
  }
  const durationWeeks = input.durationWeeks ?? 1;
  const baselineWeeks = input.baselineWeeks ?? org.baselineWeeks;
  const endWeek = endWeekOf(input.startWeek, durationWeeks);
  const title = input.title.trim();
  const hypothesis = input.hypothesis.trim();
  if (!title) throw invalid('title', 'must not be blank');
  if (!hypothesis) throw invalid('hypothesis', 'must not be blank');

  const row = await ctx.db.transaction(async (tx) => {
    await repo.lockTeam(tx, teamId);
    const wanted = { from: input.startWeek, to: endWeek };
    for (const other of await repo.teamExperiments(tx, teamId)) {
      const held = occupiedWeeks(scheduleOf(other, org.timezone));
      if (held && rangesOverlap(held, wanted)) {
        throw conflict(
          `The team already runs "${other.title}" (${held.from}${held.to !== held.from ? ` to ${held.to}` : ''}); one experiment per week.`,
        );
      }
    }
    if (input.ideaId) {
      const idea = await ideasRepo.findIdea(tx, orgId, input.ideaId);
      if (!idea || idea.teamId !== teamId) throw invalid('ideaId', 'is not an idea of this team');
      if (idea.experimentId)
        throw conflict('This idea has already been launched as an experiment.');
    }
    const created = await repo.insertExperiment(tx, {
      orgId,
      teamId,
      type: input.type,
      title,
      hypothesis,
      startWeek: input.startWeek,
      endWeek,
      durationWeeks,
      baselineWeeks,
      ideaId: input.ideaId ?? null,
      createdBy: ctx.caller.userId,
      createdAt: ctx.clock.now(),
    });
    if (input.ideaId) await ideasRepo.linkExperiment(tx, input.ideaId, created.id);
    return created;
  });
  return toExperiment(row, org.timezone, week);
}

export async function updateExperiment(
  ctx: Ctx,
  id: string,
  input: UpdateExperimentBody,
): Promise<Experiment> {
  const { org, orgId } = ctx.caller;
  const row = await repo.findExperiment(ctx.db, orgId, id);
  if (!row) throw notFound('Experiment');
  const week = currentWeek(ctx);
  const status = experimentStatus(scheduleOf(row, org.timezone), week);
  const changes: Parameters<typeof repo.updateExperiment>[2] = {};
  if (input.status === 'cancelled') {
    if (status !== 'planned' && status !== 'running') {
      throw conflict(`A ${status} experiment cannot be cancelled.`);
    }
    changes.cancelledAt = ctx.clock.now();
  }
  if (input.decision !== undefined) {
    if (status !== 'completed')
      throw conflict(`A decision is recorded once the experiment has completed; it is ${status}.`);
    changes.decision = input.decision;
  }
  if (input.learnings !== undefined) {
    const after = changes.cancelledAt ? 'cancelled' : status;
    if (after !== 'completed' && after !== 'cancelled') {
      throw conflict(`Learnings are recorded once the experiment has ended; it is ${status}.`);
    }
    changes.learnings = input.learnings.trim() || null;
  }
  const updated = await repo.updateExperiment(ctx.db, id, changes);
  return toExperiment(updated, org.timezone, week);
}

const sumOf = (rows: SufficientStats[]) => rows.reduce((acc, s) => addStats(acc, s), emptyStats());

function window(weeks: string[], stats: SufficientStats, shown: boolean): ImpactWindow {
  const summary = shown ? summarize(stats) : null;
  return {
    weeks,
    n: stats.n,
    mean: summary ? summary.engagement.mean : null,
    sd: summary ? summary.engagement.sd : null,
  };
}

type Range = { from: string; to: string };
const inRange = (week: string, r: Range | null) =>
  r !== null && compareWeeks(week, r.from) >= 0 && compareWeeks(week, r.to) <= 0;

/** Everything about an org's pulses and experiments that effects are computed from. */
export interface OrgData {
  teamIds: string[];
  stats: TeamWeekStats[];
  /** The same rows by team: the league table looks up thousands of experiments' teams. */
  statsByTeam: Map<string, TeamWeekStats[]>;
  experiments: repo.ExperimentRow[];
  cells: HiddenCells;
}

export async function loadOrgData(ctx: Ctx, range: Range): Promise<OrgData> {
  const { orgId } = ctx.caller;
  const teams = await teamsRepo.teamRefs(ctx.db, orgId);
  const teamIds = teams.map((t) => t.id);
  const [stats, experiments, cells] = await Promise.all([
    aggregatesRepo.orgWeekStats(ctx.db, orgId, range.from, range.to),
    repo.orgExperiments(ctx.db, orgId),
    hiddenTeamWeeks(ctx, range),
  ]);
  const statsByTeam = new Map<string, TeamWeekStats[]>();
  for (const s of stats) {
    const own = statsByTeam.get(s.teamId);
    if (own) own.push(s);
    else statsByTeam.set(s.teamId, [s]);
  }
  return { teamIds, stats, statsByTeam, experiments, cells };
}

export interface EffectOf {
  status: ExperimentStatus;
  partial: boolean;
  suppressed: boolean;
  before: Range;
  after: Range | null;
  treatedBefore: SufficientStats;
  treatedAfter: SufficientStats;
  test: ReturnType<typeof welch>;
}

/**
 * The team's before/after windows and Welch's test on them. Suppressed when either window has
 * fewer than k respondents, or when the weeks of a window hidden in the team's trend hold
 * 1..k−1 respondents together (the pooled window minus the shown weeks would reveal them).
 */
export function effectOf(ctx: Ctx, row: repo.ExperimentRow, data: OrgData, week: string): EffectOf {
  const k = ctx.caller.org.minGroupSize;
  const schedule = scheduleOf(row, ctx.caller.org.timezone);
  const status = experimentStatus(schedule, week);
  const windows = impactWindows(schedule, week);
  const { before, partial } = windows;
  const own = data.statsByTeam.get(row.teamId) ?? [];
  // While it runs, the open week counts only once it can be shown: early in the week it holds
  // fewer than k answers, and pooling it with the shown weeks would reveal them.
  let after = windows.after;
  if (
    partial &&
    after &&
    after.to === week &&
    isSuppressed(own.find((s) => s.week === week)?.n ?? 0, k)
  ) {
    after = after.from === week ? null : { from: after.from, to: addWeeks(week, -1) };
  }
  const treatedBefore = sumOf(own.filter((s) => inRange(s.week, before)));
  const treatedAfter = sumOf(own.filter((s) => inRange(s.week, after)));
  const hiddenIn = (r: Range | null) =>
    own
      .filter((s) => inRange(s.week, r) && data.cells.isHidden(row.teamId, s.week))
      .reduce((n, s) => n + s.n, 0);
  const revealing = (n: number) => n > 0 && n < k;
  const suppressed =
    isSuppressed(treatedBefore.n, k) ||
    isSuppressed(treatedAfter.n, k) ||
    revealing(hiddenIn(before)) ||
    revealing(hiddenIn(after));
  const test = suppressed
    ? null
    : welch(sampleFromStats(treatedBefore), sampleFromStats(treatedAfter));
  return { status, partial, suppressed, before, after, treatedBefore, treatedAfter, test };
}

/**
 * PRODUCT.md §5 impact: Welch on the team's before/after windows, difference-in-differences
 * against every other team with no experiment in the design window, per-item and eNPS changes.
 */
export async function experimentImpact(ctx: Ctx, id: string): Promise<Impact> {
  const { org, orgId } = ctx.caller;
  const row = await repo.findExperiment(ctx.db, orgId, id);
  if (!row) throw notFound('Experiment');
  const schedule = scheduleOf(row, org.timezone);
  const week = currentWeek(ctx);
  if (experimentStatus(schedule, week) === 'cancelled')
    throw conflict('A cancelled experiment has no impact.');
  const k = org.minGroupSize;
  const { before } = impactWindows(schedule, week);
  const design = { from: before.from, to: row.endWeek };
  const data = await loadOrgData(ctx, design);
  const e = effectOf(ctx, row, data, week);

  let did: Impact['did'] = null;
  if (!e.suppressed) {
    const busy = new Set<string>();
    for (const other of data.experiments) {
      const held = occupiedWeeks(scheduleOf(other, org.timezone));
      if (held && rangesOverlap(held, design)) busy.add(other.teamId);
    }
    const comparison = new Set(data.teamIds.filter((t) => t !== row.teamId && !busy.has(t)));
    const controlRows = data.stats.filter((s) => comparison.has(s.teamId));
    const controlBefore = sumOf(controlRows.filter((s) => inRange(s.week, e.before)));
    const controlAfter = sumOf(controlRows.filter((s) => inRange(s.week, e.after)));
    if (!isSuppressed(controlBefore.n, k) && !isSuppressed(controlAfter.n, k)) {
      const result = differenceInDifferences({
        treatedBefore: sampleFromStats(e.treatedBefore),
        treatedAfter: sampleFromStats(e.treatedAfter),
        controlBefore: sampleFromStats(controlBefore),
        controlAfter: sampleFromStats(controlAfter),
      });
      if (result) {
        did = {
          diff: result.diff,
          ci95: result.ci95,
          p: result.p,
          df: result.df,
          comparisonTeams: comparison.size,
          comparisonBefore: controlBefore.n,
          comparisonAfter: controlAfter.n,
        };
      }
    }
  }

  const b = e.suppressed ? null : summarize(e.treatedBefore);
  const a = e.suppressed ? null : summarize(e.treatedAfter);
  const items = Object.fromEntries(
    LIKERT_ITEMS.map((item) => {
      const before = b ? b.items[item] : null;
      const after = a ? a.items[item] : null;
      return [
        item,
        { before, after, diff: before !== null && after !== null ? after - before : null },
      ];
    }),
  ) as Impact['items'];
  const test = e.test;
  return {
    experimentId: row.id,
    status: e.status,
    k,
    partial: e.partial,
    suppressed: e.suppressed,
    before: window(weekRange(e.before.from, e.before.to), e.treatedBefore, !e.suppressed),
    after: window(
      e.after ? weekRange(e.after.from, e.after.to) : [],
      e.treatedAfter,
      !e.suppressed,
    ),
    effect: test
      ? {
          diff: test.diff,
          ci95: test.ci95,
          p: test.p,
          hedgesG: test.hedgesG,
          verdict: verdictOf(test.ci95),
          mde: test.mde,
          df: test.df,
        }
      : { diff: null, ci95: null, p: null, hedgesG: null, verdict: null, mde: null, df: null },
    did,
    items,
    enps: { before: b ? b.enps : null, after: a ? a.enps : null },
  };
}
