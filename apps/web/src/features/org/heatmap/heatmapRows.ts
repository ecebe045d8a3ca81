import type { Heatmap, HeatmapCell } from '@leeway/contracts';
import { weeksBeforeStart } from '../../../lib/hidden.ts';

/** One team's row of the heatmap, with the figures its sorting and summary use. */
export interface TeamRow {
  teamId: string;
  name: string;
  /** The name in lower case, for the filter. */
  search: string;
  cells: HeatmapCell[];
  /** How many of the first cells are weeks before the team had members (shown neutrally). */
  before: number;
  /** The last shown value of the range, and the last minus the first shown value. */
  latest: number | null;
  change: number | null;
}

export type SortKey = 'name' | 'latest-desc' | 'latest-asc' | 'change-desc' | 'change-asc';

export const SORT_OPTIONS: { value: SortKey; label: string }[] = [
  { value: 'name', label: 'Team name (A–Z)' },
  { value: 'latest-desc', label: 'Latest value, highest first' },
  { value: 'latest-asc', label: 'Latest value, lowest first' },
  { value: 'change-desc', label: 'Change, biggest rise first' },
  { value: 'change-asc', label: 'Change, biggest fall first' },
];

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The heatmap without the weeks at its start in which no team had members yet (a period reaching
 * back before the organisation began): those columns would say nothing.
 */
export function withoutWeeksBeforeAnyTeam(heatmap: Heatmap): Heatmap {
  let start = heatmap.weeks.length;
  for (const team of heatmap.teams) start = Math.min(start, weeksBeforeStart(team.cells));
  if (heatmap.teams.length === 0 || start === 0) return heatmap;
  return {
    ...heatmap,
    weeks: heatmap.weeks.slice(start),
    teams: heatmap.teams.map((team) => ({ ...team, cells: team.cells.slice(start) })),
  };
}

export function rowsOf(heatmap: Heatmap): TeamRow[] {
  return heatmap.teams.map((team) => {
    let first: number | null = null;
    let latest: number | null = null;
    for (const cell of team.cells) {
      if (cell.value === null) continue;
      if (first === null) first = cell.value;
      latest = cell.value;
    }
    return {
      teamId: team.teamId,
      name: team.name,
      search: team.name.toLocaleLowerCase(),
      cells: team.cells,
      before: weeksBeforeStart(team.cells),
      latest,
      change: first !== null && latest !== null ? latest - first : null,
    };
  });
}

/** Rows in the chosen order; teams without a value go last whichever way the sort runs. */
export function sortRows(rows: readonly TeamRow[], key: SortKey): TeamRow[] {
  const byName = (a: TeamRow, b: TeamRow) => collator.compare(a.name, b.name);
  if (key === 'name') return [...rows].sort(byName);
  const pick = key.startsWith('latest') ? (r: TeamRow) => r.latest : (r: TeamRow) => r.change;
  const direction = key.endsWith('desc') ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = pick(a);
    const y = pick(b);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return (x - y) * direction || byName(a, b);
  });
}

/** The rows whose team name contains `query` (already trimmed and in lower case). */
export const filterRows = (rows: TeamRow[], query: string): TeamRow[] =>
  query ? rows.filter((row) => row.search.includes(query)) : rows;

/** The teams with the highest and the lowest latest value (the same team when only one has one). */
export function extremesOf(rows: readonly TeamRow[]): { top?: TeamRow; bottom?: TeamRow } {
  const ranked = rows.filter((r) => r.latest !== null).sort((a, b) => b.latest! - a.latest!);
  return { top: ranked[0], bottom: ranked[ranked.length - 1] };
}
