import type { Heatmap, HeatmapMetric } from '@leeway/contracts';
import { formatCount, formatWeekSpan } from '../../../lib/format.ts';
import { BEFORE_START_TEXT, hiddenText } from '../../../lib/hidden.ts';
import { HIDDEN_CLASS, hiddenSentence } from './heatmapCells.ts';
import { extremesOf, type TeamRow } from './heatmapRows.ts';
import { legendOf, metricScales } from './heatmapScale.ts';

/** The colour scale, the colours of hidden cells, and of weeks before a team existed if any. */
export function HeatmapLegend({
  metric,
  k,
  anyBeforeStart,
}: {
  metric: HeatmapMetric;
  k: number;
  anyBeforeStart: boolean;
}) {
  const labels = legendOf(metricScales[metric]);
  return (
    <ul className="heatmap-legend" aria-label={`Colour scale, ${metricScales[metric].label}`}>
      {labels.map((label, i) => (
        <li key={label}>
          <span className={`heat heat-${i}`} aria-hidden="true" />
          {label}
        </li>
      ))}
      {(Object.keys(HIDDEN_CLASS) as (keyof typeof HIDDEN_CLASS)[]).map((reason) => (
        <li key={reason}>
          <span className={HIDDEN_CLASS[reason]} aria-hidden="true" />
          {hiddenText(reason, k)}
        </li>
      ))}
      {anyBeforeStart ? (
        <li>
          <span className="heat heat-before" aria-hidden="true" />
          {BEFORE_START_TEXT}
        </li>
      ) : null}
    </ul>
  );
}

/** The grid in words: its size and period, what is hidden and why, the highest and lowest team. */
export function HeatmapSummary({
  heatmap,
  rows,
  id,
}: {
  heatmap: Heatmap;
  rows: TeamRow[];
  id: string;
}) {
  const scale = metricScales[heatmap.metric];
  const { top, bottom } = extremesOf(rows);
  const weeks = heatmap.weeks;
  return (
    <p id={id} className="heatmap-summary">
      {formatCount(rows.length)} {rows.length === 1 ? 'team' : 'teams'} ×{' '}
      {formatCount(weeks.length)} closed {weeks.length === 1 ? 'week' : 'weeks'} (
      {formatWeekSpan(weeks[0]!, weeks[weeks.length - 1]!)}), {scale.label}.{' '}
      {hiddenSentence(rows, heatmap.k)}
      {top && bottom && top !== bottom
        ? ` Highest latest value: ${top.name} (${scale.format(top.latest!)}); lowest: ${bottom.name} (${scale.format(bottom.latest!)}).`
        : ''}
    </p>
  );
}
