import type { ExperimentType, ExperimentTypes } from '@leeway/contracts';
import { EXPERIMENT_TYPES } from '@leeway/contracts';
import { occupiedWeeks } from '@leeway/domain/experiments';
import { type PooledTypeEffect, poolTypeEffects, type Study } from '@leeway/domain/meta';
import { type PanelRow, twoWayPanel } from '@leeway/domain/panel';
import { addWeeks, compareWeeks, weekRange } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { effectOf, loadOrgData } from '../experiments/impact.ts';
import * as experimentsRepo from '../experiments/repository.ts';
import { scheduleOf } from '../experiments/service.ts';
import * as publication from '../publication/service.ts';

/** Weeks before the first experiment's baseline that give the panel each team's usual level. */
export const PANEL_LEAD_WEEKS = 12;

export interface TypeEvidence {
  type: ExperimentType;
  experiments: number;
  pooled: PooledTypeEffect | null;
  panel: { diff: number; ci95: [number, number]; se: number; teams: number } | null;
}

/**
 * "What works here" (docs/product.md §5): per type, the completed unsuppressed experiments pooled
 * (DerSimonian–Laird, HKSJ CI, prediction interval; one experiment = its own Welch result), and
 * the two-way fixed-effects panel over the org's published team-weeks. Both read published,
 * closed team-weeks only, through `loadOrgData`.
 */
export async function typeEvidence(ctx: Ctx): Promise<TypeEvidence[]> {
  const calendar = await publication.ensurePublished(ctx);
  const { org } = ctx.caller;
  const rows = await experimentsRepo.orgExperiments(ctx.db, ctx.caller.orgId);
  const studies = new Map<string, Study[]>();
  const panelRows: PanelRow[] = [];
  if (rows.length > 0) {
    const from = addWeeks(rows.map((r) => r.startWeek).sort()[0]!, -4 - PANEL_LEAD_WEEKS);
    const data = await loadOrgData(ctx, { from, to: calendar.lastClosed });
    for (const row of data.experiments) {
      const e = effectOf(ctx, row, data);
      if (e.status !== 'completed' || e.suppressed || !e.test) continue;
      const list = studies.get(row.type) ?? [];
      list.push({ y: e.test.diff, v: e.test.se ** 2, ci95: e.test.ci95 });
      studies.set(row.type, list);
    }
    // Which type ran on which team-week: the weeks an experiment held (to its cancellation).
    const activeType = new Map<string, string>();
    for (const row of data.experiments) {
      const held = occupiedWeeks(scheduleOf(row, org));
      if (!held) continue;
      for (const week of weekRange(held.from, held.to))
        activeType.set(`${row.teamId}|${week}`, row.type);
    }
    for (const [teamId, cells] of data.cellsByTeam) {
      for (const cell of cells.values()) {
        if (!publication.isPublished(cell) || compareWeeks(cell.week, from) < 0) continue;
        panelRows.push({
          team: teamId,
          week: cell.week,
          y: cell.stats.sumIndex / cell.stats.n,
          weight: cell.stats.n,
          active: activeType.get(`${teamId}|${cell.week}`) ?? null,
        });
      }
    }
  }
  const panel = twoWayPanel(panelRows);
  return EXPERIMENT_TYPES.map((type) => {
    const own = studies.get(type) ?? [];
    const p = panel.types.get(type) ?? null;
    return {
      type,
      experiments: own.length,
      pooled: poolTypeEffects(own),
      panel: p ? { diff: p.diff, ci95: p.ci95, se: p.se, teams: p.teams } : null,
    };
  });
}

export async function experimentTypes(ctx: Ctx): Promise<ExperimentTypes> {
  const types = await typeEvidence(ctx);
  return {
    types: types.map((t) => ({
      type: t.type,
      experiments: t.experiments,
      pooled: t.pooled
        ? {
            diff: t.pooled.diff,
            ci95: t.pooled.ci95,
            i2: t.pooled.i2,
            pi95: t.pooled.pi95,
            tau2: t.pooled.tau2,
            se: t.pooled.se,
          }
        : null,
      panel: t.panel,
    })),
  };
}
