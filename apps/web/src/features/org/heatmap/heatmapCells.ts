import type { HeatmapCell, HeatmapMetric } from '@leeway/contracts';
import { formatCount } from '../../../lib/format.ts';
import { BEFORE_START_TEXT, type HiddenWhy, hiddenText, reasonOf } from '../../../lib/hidden.ts';
import type { TeamRow } from './heatmapRows.ts';
import { heatClass, metricScales } from './heatmapScale.ts';

/** What a heatmap cell shows: a value, a week before its team existed, or why it is hidden. */
export type CellState =
  | { kind: 'value'; value: number }
  | { kind: 'before-start' }
  | { kind: 'hidden'; reason: Exclude<HiddenWhy, 'open'> }
  | { kind: 'empty' };

export interface CellText {
  metric: HeatmapMetric;
  k: number;
}

/** The colour of each kind of cell without a value, and the legend's words for it. */
export const HIDDEN_CLASS: Record<Exclude<HiddenWhy, 'open'>, string> = {
  fewer_than_k: 'heat heat-suppressed',
  protecting: 'heat heat-protecting',
  no_data: 'heat heat-empty',
};

/** The state of a row's cell in `column`. */
export function cellStateOf(row: TeamRow, column: number): CellState {
  const cell: HeatmapCell = row.cells[column]!;
  if (cell.value !== null) return { kind: 'value', value: cell.value };
  if (column < row.before) return { kind: 'before-start' };
  const reason = reasonOf(cell);
  return reason ? { kind: 'hidden', reason } : { kind: 'empty' };
}

export function cellValueText(state: CellState, { metric, k }: CellText): string {
  switch (state.kind) {
    case 'value':
      return metricScales[metric].format(state.value);
    case 'before-start':
      return BEFORE_START_TEXT;
    case 'hidden':
      return hiddenText(state.reason, k);
    case 'empty':
      return 'no value';
  }
}

export function cellClassOf(state: CellState, metric: HeatmapMetric): string {
  switch (state.kind) {
    case 'value':
      return `heat heat-${heatClass(state.value, metricScales[metric])}`;
    case 'before-start':
      return 'heat heat-before';
    case 'hidden':
      return HIDDEN_CLASS[state.reason];
    case 'empty':
      return 'heat heat-empty';
  }
}

/** "12 cells are hidden: 9 with fewer than 5 answers, 3 hidden to protect a smaller team." */
export function hiddenSentence(rows: readonly TeamRow[], k: number): string {
  const counts = { fewer_than_k: 0, protecting: 0, no_data: 0 };
  for (const row of rows) {
    row.cells.forEach((_, column) => {
      const state = cellStateOf(row, column);
      if (state.kind === 'hidden') counts[state.reason]++;
    });
  }
  const hidden = counts.fewer_than_k + counts.protecting;
  const parts = [
    counts.fewer_than_k > 0
      ? `${formatCount(counts.fewer_than_k)} with ${hiddenText('fewer_than_k', k)}`
      : '',
    counts.protecting > 0 ? `${formatCount(counts.protecting)} ${hiddenText('protecting', k)}` : '',
  ].filter(Boolean);
  const head =
    hidden === 0
      ? 'No cell is hidden.'
      : `${formatCount(hidden)} ${hidden === 1 ? 'cell is' : 'cells are'} hidden: ${parts.join(', ')}.`;
  return counts.no_data > 0
    ? `${head} ${formatCount(counts.no_data)} ${counts.no_data === 1 ? 'cell has' : 'cells have'} ${hiddenText('no_data', k)}.`
    : head;
}
