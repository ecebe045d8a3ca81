import type { Impact, ImpactWindow, LeftOutWeek } from '@leeway/contracts';
import {
  type ExperimentStatus,
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
import { compareWeeks, weekRange } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { impactReading } from '../evidence/reading.ts';
import * as publication from '../publication/service.ts';
import * as teamsRepo from '../teams/repository.ts';
import * as repo from './repository.ts';
import { currentWeek, scheduleOf } from './service.ts';

/**
 * An experiment's impact (docs/product.md §5): its before/after windows pooled from published
 * team-weeks only, Welch's test, difference-in-differences against the teams with no experiment,
 * per-item and eNPS changes. The records themselves (launch, cancel, decide) are service.ts.
 */

const sumOf = (cells: publication.PublishedCell[]) =>
  cells.reduce((acc, c) => addStats(acc, c.stats), emptyStats());

type Range = { from: string; to: string };

/** Everything about an org's published weeks and experiments that effects are computed from. */
export interface OrgData {
  calendar: publication.Calendar;
  teamIds: string[];
  /** Closed team-weeks by team, then week, as published. */
  cellsByTeam: Map<string, Map<string, publication.PublishedCell>>;
  experiments: repo.ExperimentRow[];
}

export async function loadOrgData(ctx: Ctx, range: Range): Promise<OrgData> {
  const { orgId } = ctx.caller;
  const calendar = await publication.ensurePublished(ctx);
  const to = compareWeeks(range.to, calendar.lastClosed) <= 0 ? range.to : calendar.lastClosed;
  const [teams, cells, experiments] = await Promise.all([
    teamsRepo.teamRefs(ctx.db, orgId),
    compareWeeks(range.from, to) <= 0
      ? publication.orgCells(ctx, range.from, to)
      : Promise.resolve([]),
    repo.orgExperiments(ctx.db, orgId),
  ]);
  const cellsByTeam = new Map<string, Map<string, publication.PublishedCell>>();
  for (const cell of cells) {
    let own = cellsByTeam.get(cell.teamId);
    if (!own) {
      own = new Map();
      cellsByTeam.set(cell.teamId, own);
    }
    own.set(cell.week, cell);
  }
  return { calendar, teamIds: teams.map((t) => t.id), cellsByTeam, experiments };
}

/** One window of a design: the published weeks it pools, and those it leaves out and why. */
export interface PooledWindow {
  weeks: string[];
  pooled: publication.PublishedCell[];
  leftOut: LeftOutWeek[];
  stats: SufficientStats;
}

/**
 * A team's window over some weeks (docs/product.md §5): only published, closed team-weeks; every
 * other week is named with its reason (`open` for the week in progress or later).
 */
export function poolWindow(data: OrgData, teamId: string, range: Range | null): PooledWindow {
  const weeks = range ? weekRange(range.from, range.to) : [];
  const own = data.cellsByTeam.get(teamId);
  const pooled: publication.PublishedCell[] = [];
  const leftOut: LeftOutWeek[] = [];
  for (const week of weeks) {
    if (compareWeeks(week, data.calendar.lastClosed) > 0) {
      leftOut.push({ week, reason: 'open' });
      continue;
    }
    const cell = own?.get(week) ?? publication.noData(teamId, week);
    if (publication.isPublished(cell)) pooled.push(cell);
    else leftOut.push({ week, reason: cell.state as LeftOutWeek['reason'] });
  }
  return { weeks, pooled, leftOut, stats: sumOf(pooled) };
}

export interface EffectOf {
  status: ExperimentStatus;
  partial: boolean;
  suppressed: boolean;
  before: PooledWindow;
  after: PooledWindow;
  test: ReturnType<typeof welch>;
}

/**
 * The team's before/after windows, from published weeks only, and Welch's test on them. The
 * whole effect is suppressed when either window has no published week or fewer than k people
 * (each published week alone has at least k distinct people, so this is the same test).
 */
export function effectOf(ctx: Ctx, row: repo.ExperimentRow, data: OrgData): EffectOf {
  const k = ctx.caller.org.minGroupSize;
  const schedule = scheduleOf(row, ctx.caller.org);
  const { current } = data.calendar;
  const status = experimentStatus(schedule, current);
  const windows = impactWindows(schedule, current);
  const before = poolWindow(data, row.teamId, windows.before);
  const after = poolWindow(data, row.teamId, windows.after);
  const fewerThanK = (w: PooledWindow) =>
    w.pooled.length === 0 || isSuppressed(Math.max(...w.pooled.map((c) => c.stats.n)), k);
  const suppressed = fewerThanK(before) || fewerThanK(after);
  const test = suppressed
    ? null
    : welch(sampleFromStats(before.stats), sampleFromStats(after.stats));
  return { status, partial: windows.partial, suppressed, before, after, test };
}

function impactWindow(w: PooledWindow, people: number): ImpactWindow {
  const summary = w.pooled.length > 0 ? summarize(w.stats) : null;
  return {
    weeks: w.pooled.map((c) => c.week),
    leftOut: w.leftOut,
    n: w.stats.n,
    people,
    mean: summary ? summary.engagement.mean : null,
    sd: summary ? summary.engagement.sd : null,
  };
}

/**
 * docs/product.md §5 impact: Welch on the team's before/after windows, difference-in-differences
 * against every other team with no experiment in the design window, per-item and eNPS changes —
 * all from published team-weeks only.
 */
export async function experimentImpact(ctx: Ctx, id: string): Promise<Impact> {
  const { org, orgId } = ctx.caller;
  const row = await repo.findExperiment(ctx.db, orgId, id);
  if (!row) throw notFound('Experiment');
  const schedule = scheduleOf(row, org);
  if (experimentStatus(schedule, currentWeek(ctx)) === 'cancelled')
    throw conflict('A cancelled experiment has no impact.');
  const k = org.minGroupSize;
  const { before: beforeRange } = impactWindows(schedule, currentWeek(ctx));
  const design = { from: beforeRange.from, to: row.endWeek };
  const data = await loadOrgData(ctx, design);
  const e = effectOf(ctx, row, data);

  let did: Impact['did'] = null;
  if (!e.suppressed) {
    const busy = new Set<string>();
    for (const other of data.experiments) {
      const held = occupiedWeeks(scheduleOf(other, org));
      if (held && rangesOverlap(held, design)) busy.add(other.teamId);
    }
    const comparison = data.teamIds.filter((t) => t !== row.teamId && !busy.has(t));
    const windowOf = (weeks: string[]) =>
      sumOf(
        comparison.flatMap((teamId) =>
          weeks
            .map((week) => data.cellsByTeam.get(teamId)?.get(week))
            .filter(
              (c): c is publication.PublishedCell => c !== undefined && publication.isPublished(c),
            ),
        ),
      );
    const closed = (w: PooledWindow) =>
      w.weeks.filter((week) => compareWeeks(week, data.calendar.lastClosed) <= 0);
    const controlBefore = windowOf(closed(e.before));
    const controlAfter = windowOf(closed(e.after));
    if (!isSuppressed(controlBefore.n, k) && !isSuppressed(controlAfter.n, k)) {
      const result = differenceInDifferences({
        treatedBefore: sampleFromStats(e.before.stats),
        treatedAfter: sampleFromStats(e.after.stats),
        controlBefore: sampleFromStats(controlBefore),
        controlAfter: sampleFromStats(controlAfter),
      });
      if (result) {
        did = {
          diff: result.diff,
          ci95: result.ci95,
          p: result.p,
          df: result.df,
          comparisonTeams: comparison.length,
          comparisonBefore: controlBefore.n,
          comparisonAfter: controlAfter.n,
        };
      }
    }
  }

  const [peopleBefore, peopleAfter] = await Promise.all([
    publication.distinctPeople(ctx, e.before.pooled),
    publication.distinctPeople(ctx, e.after.pooled),
  ]);
  const b = e.suppressed ? null : summarize(e.before.stats);
  const a = e.suppressed ? null : summarize(e.after.stats);
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
  const shown = (w: PooledWindow, people: number): ImpactWindow => {
    const window = impactWindow(w, people);
    return e.suppressed ? { ...window, mean: null, sd: null } : window;
  };
  return {
    experimentId: row.id,
    status: e.status,
    k,
    partial: e.partial,
    suppressed: e.suppressed,
    before: shown(e.before, peopleBefore),
    after: shown(e.after, peopleAfter),
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
    reading: await impactReading(ctx, row, data, e),
  };
}
