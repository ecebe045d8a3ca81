import type { Drivers } from '@leeway/contracts';
import {
  type DriverRow,
  enpsDrivers,
  MIN_DRIVER_TEAM_WEEKS,
  MIN_DRIVER_TEAMS,
} from '@leeway/domain/drivers';
import { summarize } from '@leeway/domain/metrics';
import { addWeeks } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import * as publication from '../publication/service.ts';

/** The closed weeks the drivers look back over. */
export const DRIVER_WEEKS = 52;

const ITEM_WORDS: Record<string, string> = {
  energy: 'energy',
  autonomy: 'autonomy',
  voice: 'voice in decisions',
  growth: 'growth',
  trust: 'trust',
};

/**
 * How each item goes with eNPS across the org's published team-weeks of the last year: Pearson's
 * r of the team-week item mean with the team-week eNPS and its Fisher z 95 % CI
 * (docs/adr/0007-drivers-of-enps.md). Hidden team-weeks never enter; below the minimum nothing
 * is shown.
 */
export async function drivers(ctx: Ctx): Promise<Drivers> {
  const calendar = await publication.ensurePublished(ctx);
  const cells = (
    await publication.orgCells(
      ctx,
      addWeeks(calendar.lastClosed, -(DRIVER_WEEKS - 1)),
      calendar.lastClosed,
    )
  ).filter(publication.isPublished);
  const rows: DriverRow[] = [];
  for (const cell of cells) {
    const s = summarize(cell.stats);
    if (s) rows.push({ items: s.items, enps: s.enps });
  }
  const teams = new Set(cells.map((c) => c.teamId)).size;
  const shown = rows.length >= MIN_DRIVER_TEAM_WEEKS && teams >= MIN_DRIVER_TEAMS;
  const items = shown ? enpsDrivers(rows).sort((a, b) => b.estimate - a.estimate) : [];
  return {
    teamWeeks: rows.length,
    teams,
    shown,
    minimum: { teamWeeks: MIN_DRIVER_TEAM_WEEKS, teams: MIN_DRIVER_TEAMS },
    estimator: "Pearson's r across published team-weeks, Fisher z 95 % CI",
    items,
    reading: shown ? readingOf(items) : null,
  };
}

const fmt = (r: number) => r.toFixed(2).replace('-', '−');

function readingOf(items: Drivers['items']): string | null {
  const top = items[0];
  if (!top) return null;
  const weakest = items.at(-1)!;
  const strength = (r: number) =>
    Math.abs(r) >= 0.5 ? 'strongly' : Math.abs(r) >= 0.3 ? 'moderately' : 'weakly';
  const sure = top.ci95[0] > 0 ? '' : ' — though the interval includes no link at all';
  return `In weeks when a team scores higher on ${ITEM_WORDS[top.item]}, its eNPS tends to be higher too: the two go ${strength(top.estimate)} together (r = ${fmt(top.estimate)}, 95 % CI ${fmt(top.ci95[0])} to ${fmt(top.ci95[1])})${sure}. ${ITEM_WORDS[weakest.item]![0]!.toUpperCase()}${ITEM_WORDS[weakest.item]!.slice(1)} goes with it least (r = ${fmt(weakest.estimate)}). This is an association between teams and weeks, not proof that raising one item raises eNPS.`;
}
