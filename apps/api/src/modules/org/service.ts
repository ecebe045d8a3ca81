import type {
  Heatmap,
  HeatmapCell,
  HeatmapMetric,
  OrgTrends,
  WeekAggregate,
} from '@leeway/contracts';
import { safeCsvCell } from '@leeway/contracts/csv';
import { occupiedWeeks } from '@leeway/domain/experiments';
import { LIKERT_ITEMS } from '@leeway/domain/metrics';
import { stringify } from 'csv-stringify/sync';
import { LRUCache } from 'lru-cache';
import type { Ctx } from '../../lib/context.ts';
import { type JsonText, jsonText } from '../../lib/json-text.ts';
import * as experimentsRepo from '../experiments/repository.ts';
import { scheduleOf } from '../experiments/service.ts';
import { type OrgWeek, orgWeeks } from '../publication/org-weeks.ts';
import * as publication from '../publication/service.ts';
import * as teamsRepo from '../teams/repository.ts';

interface TeamWeekTable {
  calendar: publication.Calendar;
  range: publication.ClosedRange;
  /** The closed weeks of the range. */
  weeks: string[];
  teams: { id: string; name: string }[];
  /** Per week, every team's cell as published and the org-wide figure. */
  org: Map<string, OrgWeek>;
}

/**
 * Every closed team-week of an org over a range, read from the one publication, so the org
 * trend, the heatmap and the export cannot disagree in a way that reveals a group.
 */
async function teamWeekTable(
  ctx: Ctx,
  query: { from?: string; to?: string },
): Promise<TeamWeekTable> {
  const calendar = await publication.ensurePublished(ctx);
  const range = publication.resolveRange(calendar, query);
  const [teams, org] = await Promise.all([
    teamsRepo.teamRefs(ctx.db, ctx.caller.orgId),
    orgWeeks(ctx, range.weeks),
  ]);
  return { calendar, range, weeks: range.weeks, teams, org };
}

/** A team's cell of a week; a team that did not exist yet that week has `no_data`. */
function cellOf(table: TeamWeekTable, teamId: string, week: string): WeekAggregate {
  return (
    table.org.get(week)!.cells.get(teamId) ??
    publication.weekAggregate(week, 'no_data', undefined, 0)
  );
}

export async function orgTrends(
  ctx: Ctx,
  query: { from?: string; to?: string },
): Promise<OrgTrends> {
  const table = await teamWeekTable(ctx, query);
  const { org, orgId } = ctx.caller;
  const experiments = await experimentsRepo.orgExperiments(ctx.db, orgId);
  const held = experiments.map((e) => occupiedWeeks(scheduleOf(e, org))).filter((r) => r !== null);
  return {
    k: org.minGroupSize,
    from: table.range.from,
    to: table.range.to,
    current: table.calendar.open,
    weeks: table.weeks.map((week) => {
      const { total } = table.org.get(week)!;
      const state =
        total.members === 0 && total.stats.n === 0
          ? 'no_data'
          : total.hidden
            ? total.stats.n < org.minGroupSize
              ? 'fewer_than_k'
              : 'protecting'
            : 'published';
      return {
        ...publication.weekAggregate(week, state, total.stats, total.members),
        experiments: held.filter((r) => r.from <= week && week <= r.to).length,
      };
    }),
  };
}

function cellValue(cell: WeekAggregate, metric: HeatmapMetric): number | null {
  switch (metric) {
    case 'engagement':
      return cell.engagement?.mean ?? null;
    case 'enps':
      return cell.enps;
    case 'participation':
      return cell.participation;
    default:
      return cell.items ? cell.items[metric] : null;
  }
}

/** A heatmap cell as the contract writes it: {week, value, respondents, suppressed, reason}. */
function heatmapCell(cell: WeekAggregate, metric: HeatmapMetric): HeatmapCell {
  return {
    week: cell.week,
    value: cellValue(cell, metric),
    respondents: cell.respondents,
    suppressed: cell.suppressed,
    reason: cell.reason,
  };
}

/** Each team's cells of a run of closed weeks, written as JSON, and the weeks they came from. */
interface RenderedRun {
  sources: OrgWeek[];
  rows: Map<string, CellsText>;
}

/** A team's cells written as JSON, without the brackets: `{…},{…}`. */
type CellsText = string & { readonly __cellsOf?: HeatmapCell };
const joinCells = (cells: JsonText<HeatmapCell>[]): CellsText => cells.join(',');

// Bounded by characters: 24 M is three 2,000 × 52 heatmaps (metrics or ranges).
const renderedRuns = new WeakMap<object, LRUCache<string, RenderedRun>>();

function renderedRunsOf(ctx: Ctx): LRUCache<string, RenderedRun> {
  let cache = renderedRuns.get(ctx.db);
  if (!cache) {
    cache = new LRUCache<string, RenderedRun>({
      maxSize: 24_000_000,
      sizeCalculation: (run) => {
        let size = 1;
        for (const row of run.rows.values()) size += row.length;
        return size;
      },
    });
    renderedRuns.set(ctx.db, cache);
  }
  return cache;
}

/**
 * Each team's cells of some weeks joined as JSON (`"{…},{…}"`). A run of closed weeks is kept:
 * it is valid while `orgWeeks` returns the very same week objects (a forgotten week is
 * recomputed as a new object, which makes the run stale).
 */
function renderRun(
  ctx: Ctx,
  teams: { id: string }[],
  weeks: OrgWeek[],
  metric: HeatmapMetric,
): Map<string, CellsText> {
  if (weeks.length === 0) return new Map();
  const { orgId, org } = ctx.caller;
  const key = `${orgId}|${metric}|${org.minGroupSize}|${weeks[0]!.week}|${weeks.at(-1)!.week}`;
  const cache = renderedRunsOf(ctx);
  const kept = cache.get(key);
  const rows =
    kept?.sources.every((source, i) => source === weeks[i]) === true
      ? kept.rows
      : new Map<string, CellsText>();
  const missing = teams.filter((team) => !rows.has(team.id));
  if (missing.length === 0) return rows;
  const empty = weeks.map((w) =>
    jsonText(heatmapCell(publication.weekAggregate(w.week, 'no_data', undefined, 0), metric)),
  );
  for (const team of missing) {
    rows.set(
      team.id,
      joinCells(
        weeks.map((w, i) => {
          const cell = w.cells.get(team.id);
          return cell ? jsonText(heatmapCell(cell, metric)) : empty[i]!;
        }),
      ),
    );
  }
  // A run is re-stored when teams were added to it, so its size is counted again.
  cache.set(key, { sources: weeks, rows });
  return rows;
}

/**
 * The heatmap as JSON text, in the `Heatmap` schema's shape key for key. At 2,000 teams × 52
 * weeks it is 100,000 cells and 7 MB: the closed weeks' cells are kept written per metric and
 * range (`renderRun`), and only the open week is written per request.
 */
export async function heatmapJson(
  ctx: Ctx,
  query: { from?: string; to?: string; metric?: HeatmapMetric },
): Promise<JsonText<Heatmap>> {
  const metric = query.metric ?? 'engagement';
  const table = await teamWeekTable(ctx, query);
  const weeks = table.weeks.map((week) => table.org.get(week)!);
  const rows = renderRun(ctx, table.teams, weeks, metric);
  // Every piece is written from a typed value; the kept cells are spliced in as text.
  const head: Omit<Heatmap, 'teams'> = {
    metric,
    k: ctx.caller.org.minGroupSize,
    current: table.calendar.open,
    weeks: table.weeks,
  };
  const parts: string[] = [`${jsonText(head).slice(0, -1)},"teams":[`];
  for (const [i, team] of table.teams.entries()) {
    const row: Omit<Heatmap['teams'][number], 'cells'> = { teamId: team.id, name: team.name };
    parts.push(
      `${i > 0 ? ',' : ''}${jsonText(row).slice(0, -1)},"cells":[${rows.get(team.id) ?? ''}]}`,
    );
  }
  parts.push(']}');
  return parts.join('') as JsonText<Heatmap>;
}

/** The league table moved to `what-works` (issue 14): pooled effects and the panel. */
export { experimentTypes } from '../what-works/service.ts';

export const EXPORT_COLUMNS = [
  'team',
  'week',
  'respondents',
  'members',
  'participation_percent',
  'suppressed',
  'reason',
  'engagement_mean',
  'engagement_sd',
  'enps',
  ...LIKERT_ITEMS,
] as const;

/** One decimal, as the dashboard shows figures; a hidden figure stays empty. */
const oneDecimal = (value: number | null | undefined) =>
  value === null || value === undefined ? value : Math.round(value * 10) / 10;

/**
 * The team-week table as CSV: figures rounded to one decimal and participation in percent, as the
 * dashboard shows them, and a file name that carries the period.
 */
export async function exportCsv(
  ctx: Ctx,
  query: { from?: string; to?: string },
): Promise<{ csv: string; filename: string }> {
  const table = await teamWeekTable(ctx, query);
  const rows: string[][] = [];
  for (const team of table.teams) {
    for (const cell of table.weeks.map((week) => cellOf(table, team.id, week))) {
      rows.push(
        [
          team.name,
          cell.week,
          cell.respondents,
          cell.members,
          oneDecimal(cell.participation === null ? null : cell.participation * 100),
          cell.suppressed,
          cell.reason,
          oneDecimal(cell.engagement?.mean),
          oneDecimal(cell.engagement?.sd),
          oneDecimal(cell.enps),
          oneDecimal(cell.items?.energy),
          oneDecimal(cell.items?.autonomy),
          oneDecimal(cell.items?.voice),
          oneDecimal(cell.items?.growth),
          oneDecimal(cell.items?.trust),
        ].map(safeCsvCell),
      );
    }
  }
  const first = table.weeks[0] ?? table.range.from;
  const last = table.weeks.at(-1) ?? table.range.to;
  const filename = `leeway-${first}-to-${last}.csv`;
  const csv = stringify(rows, {
    header: true,
    columns: [...EXPORT_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
  });
  return { csv, filename };
}
