import type { ImpactReading, Outcome, OutcomeChange } from '@leeway/contracts';
import { holm } from '@leeway/domain/design';
import { occupiedWeeks, rangesOverlap } from '@leeway/domain/experiments';
import { LIKERT_ITEMS } from '@leeway/domain/metrics';
import { sampleFromStats, welch } from '@leeway/domain/stats';
import { addWeeks, compareWeeks, weekRange } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import type { EffectOf, OrgData } from '../experiments/impact.ts';
import type { ExperimentRow } from '../experiments/repository.ts';
import { scheduleOf } from '../experiments/service.ts';
import * as publication from '../publication/service.ts';
import { fidelityOf } from './fidelity.ts';
import { itemSums, sampleOfSums } from './repository.ts';

/** Published weeks before the baseline that say what the team's usual level is. */
export const USUAL_LEVEL_WEEKS = 8;
const MIN_USUAL_WEEKS = 3;

export const primaryOutcomeOf = (row: ExperimentRow): Outcome =>
  (row.primaryOutcome ?? 'engagement') as Outcome;

/**
 * How to read an experiment's impact (issue 14): the primary outcome first, the other outcomes
 * exploratory with Holm-adjusted p-values, "too early" until the design's weeks have closed,
 * other experiments of the team inside its windows, and whether its baseline was unusually low
 * (regression to the mean). Every figure pools the published team-weeks `effectOf` pooled.
 */
export async function impactReading(
  ctx: Ctx,
  row: ExperimentRow,
  data: OrgData,
  e: EffectOf,
): Promise<ImpactReading> {
  const primary = primaryOutcomeOf(row);
  const order: Outcome[] = [
    primary,
    ...(['engagement', ...LIKERT_ITEMS] as Outcome[]).filter((o) => o !== primary),
  ];
  const tooEarly = compareWeeks(row.endWeek, data.calendar.lastClosed) > 0;

  let outcomes: OutcomeChange[] = order.map((outcome, i) => ({
    outcome,
    primary: i === 0,
    before: null,
    after: null,
    diff: null,
    ci95: null,
    p: null,
    pAdjusted: null,
  }));
  if (!e.suppressed) {
    const [before, after] = await Promise.all([
      itemSums(ctx.db, e.before.pooled),
      itemSums(ctx.db, e.after.pooled),
    ]);
    outcomes = outcomes.map((o) => {
      const b =
        o.outcome === 'engagement'
          ? sampleFromStats(e.before.stats)
          : sampleOfSums(before[o.outcome]);
      const a =
        o.outcome === 'engagement'
          ? sampleFromStats(e.after.stats)
          : sampleOfSums(after[o.outcome]);
      const test = welch(b, a);
      return {
        ...o,
        before: b.n > 0 ? b.mean : null,
        after: a.n > 0 ? a.mean : null,
        diff: test ? test.diff : null,
        ci95: test ? test.ci95 : null,
        p: test ? test.p : null,
      };
    });
    const exploratory = outcomes.filter((o) => !o.primary && o.p !== null);
    const adjusted = holm(exploratory.map((o) => o.p!));
    exploratory.forEach((o, i) => {
      o.pAdjusted = adjusted[i]!;
    });
    const first = outcomes[0]!;
    first.pAdjusted = first.p;
  }

  const { org } = ctx.caller;
  const design = { from: addWeeks(row.startWeek, -row.baselineWeeks), to: row.endWeek };
  const overlaps: ImpactReading['overlaps'] = [];
  for (const other of data.experiments) {
    if (other.id === row.id || other.teamId !== row.teamId) continue;
    const held = occupiedWeeks(scheduleOf(other, org));
    if (!held || !rangesOverlap(held, design)) continue;
    const weeks = weekRange(design.from, design.to).filter(
      (w) => compareWeeks(w, held.from) >= 0 && compareWeeks(w, held.to) <= 0,
    );
    overlaps.push({ experimentId: other.id, title: other.title, type: other.type, weeks });
  }

  let rebound: ImpactReading['rebound'] = null;
  if (!e.suppressed) {
    const earlier = weekRange(addWeeks(design.from, -USUAL_LEVEL_WEEKS), addWeeks(design.from, -1));
    const cells = (await publication.teamCells(ctx, row.teamId, earlier)).filter(
      publication.isPublished,
    );
    if (cells.length >= MIN_USUAL_WEEKS) {
      const weekly = cells.map((c) => c.stats.sumIndex / c.stats.n);
      const n = cells.reduce((acc, c) => acc + c.stats.n, 0);
      const usualMean = cells.reduce((acc, c) => acc + c.stats.sumIndex, 0) / n;
      const m = weekly.reduce((acc, x) => acc + x, 0) / weekly.length;
      const weekSd = Math.sqrt(
        weekly.reduce((acc, x) => acc + (x - m) ** 2, 0) / (weekly.length - 1),
      );
      const baselineMean = e.before.stats.sumIndex / e.before.stats.n;
      rebound = {
        usualMean,
        baselineMean,
        earlierWeeks: cells.length,
        // Lower than the team's usual level by more than its usual week-to-week spread.
        lowBaseline: baselineMean < usualMean - Math.max(weekSd, 1),
      };
    }
  }

  return {
    measured: row.measured ?? true,
    primaryOutcome: primary,
    tooEarly,
    outcomes,
    overlaps,
    fidelity: await fidelityOf(ctx, row, data.calendar.lastClosed),
    rebound,
  };
}
