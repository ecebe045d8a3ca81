import type {
  ExperimentTypes,
  Heatmap,
  HeatmapMetric,
  OrgTrends,
  WeekAggregate,
} from '@leeway/contracts';
import { EXPERIMENT_TYPES } from '@leeway/contracts';
import { occupiedWeeks } from '@leeway/domain/experiments';
import { derSimonianLaird } from '@leeway/domain/stats';
import { addWeeks, weekRange } from '@leeway/domain/weeks';
import { stringify } from 'csv-stringify/sync';
import type { Ctx } from '../../lib/context.ts';
import { type OrgWeek, orgWeeks } from '../aggregates/org-weeks.ts';
import { resolveRange, type WeekRange, weekAggregate } from '../aggregates/service.ts';
import * as experimentsRepo from '../experiments/repository.ts';
import { currentWeek, effectOf, loadOrgData, scheduleOf } from '../experiments/service.ts';
import * as teamsRepo from '../teams/repository.ts';

interface TeamWeekTable {
  range: WeekRange;
  weeks: string[];
  teams: { id: string; name: string }[];
  /** Every team × week, suppression applied (primary and complementary). */
  cells: Map<string, WeekAggregate[]>;
  /** Per week, the org-wide figure's sums and members, and whether it is hidden. */
  org: Map<string, OrgWeek>;
}

/**
 * Every team-week of an org over a range, assembled once with the same suppression decisions,
 * so the org trend, the heatmap and the export cannot disagree in a way that reveals a group.
 */
async function teamWeekTable(
  ctx: Ctx,
  query: { from?: string; to?: string },
): Promise<TeamWeekTable> {
  const { orgId, org } = ctx.caller;
  const range = resolveRange(ctx, query);
  const weeks = weekRange(range.from, range.to);
  const [teams, byWeek] = await Promise.all([
    teamsRepo.teamRefs(ctx.db, orgId),
    orgWeeks(ctx, weeks),
  ]);
  // A team with neither answers nor members in a week (created later, say) shows as empty.
  const empty = new Map(weeks.map((w) => [w, weekAggregate(w, undefined, 0, org.minGroupSize)]));
  const cells = new Map<string, WeekAggregate[]>();
  for (const team of teams) {
    cells.set(
      team.id,
      weeks.map((week) => byWeek.get(week)!.cells.get(team.id) ?? empty.get(week)!),
    );
  }
  return { range, weeks, teams, cells, org: byWeek };
}

export async function orgTrends(
  ctx: Ctx,
  query: { from?: string; to?: string },
): Promise<OrgTrends> {
  const table = await teamWeekTable(ctx, query);
  const { org, orgId } = ctx.caller;
  const experiments = await experimentsRepo.orgExperiments(ctx.db, orgId);
  const held = experiments
    .map((e) => occupiedWeeks(scheduleOf(e, org.timezone)))
    .filter((r) => r !== null);
  return {
    k: org.minGroupSize,
    from: table.range.from,
    to: table.range.to,
    weeks: table.weeks.map((week) => {
      const { total } = table.org.get(week)!;
      return {
        ...weekAggregate(week, total.stats, total.members, org.minGroupSize, total.hidden),
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

export async function heatmap(
  ctx: Ctx,
  query: { from?: string; to?: string; metric?: HeatmapMetric },
): Promise<Heatmap> {
  const metric = query.metric ?? 'engagement';
  const table = await teamWeekTable(ctx, query);
  return {
    metric,
    k: ctx.caller.org.minGroupSize,
    weeks: table.weeks,
    teams: table.teams.map((team) => ({
      teamId: team.id,
      name: team.name,
      cells: table.cells.get(team.id)!.map((cell) => ({
        week: cell.week,
        // Participation is counts only (respondents / members), shown like the counts themselves.
        value: cellValue(cell, metric),
        respondents: cell.respondents,
        suppressed: metric === 'participation' ? false : cell.suppressed,
      })),
    })),
  };
}

/** DerSimonian–Laird pooled effect per experiment type over completed, unsuppressed experiments. */
export async function experimentTypes(ctx: Ctx): Promise<ExperimentTypes> {
  const week = currentWeek(ctx);
  const rows = await experimentsRepo.orgExperiments(ctx.db, ctx.caller.orgId);
  const effects: { type: string; y: number; v: number }[] = [];
  if (rows.length > 0) {
    const from = rows.map((r) => r.startWeek).sort()[0]!;
    const to = rows
      .map((r) => r.endWeek)
      .sort()
      .at(-1)!;
    // Baselines reach at most 4 weeks before the earliest start.
    const data = await loadOrgData(ctx, { from: addWeeks(from, -4), to });
    for (const row of rows) {
      const e = effectOf(ctx, row, data, week);
      if (e.status !== 'completed' || e.suppressed || !e.test) continue;
      effects.push({ type: row.type, y: e.test.diff, v: e.test.se ** 2 });
    }
  }
  return {
    types: EXPERIMENT_TYPES.map((type) => {
      const studies = effects.filter((e) => e.type === type);
      const pooled = derSimonianLaird(studies);
      return {
        type,
        experiments: studies.length,
        pooled: pooled
          ? {
              diff: pooled.pooled,
              ci95: pooled.ci95,
              i2: pooled.i2,
              tau2: pooled.tau2,
              se: pooled.se,
            }
          : null,
      };
    }),
  };
}

const DANGEROUS = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e-?\d+)?$/i;

/**
 * Neutralises spreadsheet formula injection: a text cell that begins with = + - @ tab or CR is
 * prefixed with a single quote. Numbers are written as numbers (a negative number is no formula).
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return DANGEROUS.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

export const EXPORT_COLUMNS = [
  'team',
  'week',
  'respondents',
  'members',
  'participation',
  'suppressed',
  'engagement_mean',
  'engagement_sd',
  'enps',
  'energy',
  'autonomy',
  'voice',
  'growth',
  'trust',
] as const;

export async function exportCsv(ctx: Ctx, query: { from?: string; to?: string }): Promise<string> {
  const table = await teamWeekTable(ctx, query);
  const rows: string[][] = [];
  for (const team of table.teams) {
    for (const cell of table.cells.get(team.id)!) {
      rows.push(
        [
          team.name,
          cell.week,
          cell.respondents,
          cell.members,
          cell.participation,
          cell.suppressed,
          cell.engagement?.mean,
          cell.engagement?.sd,
          cell.enps,
          cell.items?.energy,
          cell.items?.autonomy,
          cell.items?.voice,
          cell.items?.growth,
          cell.items?.trust,
        ].map(safeCell),
      );
    }
  }
  return stringify(rows, {
    header: true,
    columns: [...EXPORT_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
  });
}
