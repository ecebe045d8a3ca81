import type { Heatmap, HeatmapMetric } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { orgHeatmap } from '../../../api/org.queries.ts';
import type { WeekRange } from '../../../api/trends.queries.ts';
import { useSession } from '../../../app/session.ts';
import { Field } from '../../../components/Field.tsx';
import { EmptyState, ErrorState, Loading } from '../../../components/States.tsx';
import { formatCount, formatWeek } from '../../../lib/format.ts';
import { openUntilText } from '../../../lib/hidden.ts';
import { HeatmapGrid } from './HeatmapGrid.tsx';
import { HeatmapLegend, HeatmapSummary } from './HeatmapLegend.tsx';
import {
  filterRows,
  rowsOf,
  SORT_OPTIONS,
  type SortKey,
  sortRows,
  withoutWeeksBeforeAnyTeam,
} from './heatmapRows.ts';
import { metricOrder, metricScales } from './heatmapScale.ts';

/** The heatmap's rows: all of them, and those shown in the chosen order and filter. */
function useHeatmapRows(data: Heatmap | undefined, sort: SortKey, query: string) {
  const heatmap = useMemo(() => (data ? withoutWeeksBeforeAnyTeam(data) : undefined), [data]);
  const all = useMemo(() => (heatmap ? rowsOf(heatmap) : []), [heatmap]);
  const sorted = useMemo(() => sortRows(all, sort), [all, sort]);
  const shown = useMemo(() => filterRows(sorted, query), [sorted, query]);
  return { heatmap, all, shown };
}

/** The teams × weeks heatmap of the org page: metric, sort and filter controls, then the grid. */
export function HeatmapSection({
  range,
  metric,
  onMetricChange,
}: {
  range: WeekRange;
  metric: HeatmapMetric;
  onMetricChange: (metric: HeatmapMetric) => void;
}) {
  const session = useSession();
  const heatmap = useQuery(orgHeatmap(range, metric));
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const summaryId = useId();
  const deferredFilter = useDeferredValue(filter.trim().toLocaleLowerCase());
  const { heatmap: shownMap, all, shown } = useHeatmapRows(heatmap.data, sort, deferredFilter);

  return (
    <>
      <div className="heatmap-controls">
        <Field label="Metric">
          {(control) => (
            <select
              {...control}
              value={metric}
              onChange={(e) => onMetricChange(e.target.value as HeatmapMetric)}
            >
              {metricOrder.map((m) => (
                <option key={m} value={m}>
                  {metricScales[m].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Sort by">
          {(control) => (
            <select {...control} value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
              {SORT_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Filter teams by name">
          {(control) => (
            <input
              {...control}
              type="search"
              autoComplete="off"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          )}
        </Field>
      </div>
      {heatmap.isPending ? (
        <Loading label="Loading the heatmap…" />
      ) : heatmap.isError ? (
        <ErrorState error={heatmap.error} onRetry={() => heatmap.refetch()} />
      ) : !shownMap ? null : all.length === 0 ? (
        <EmptyState>
          <p>No teams yet. Create teams under Admin, and their weeks appear here.</p>
        </EmptyState>
      ) : shownMap.weeks.length === 0 ? (
        <EmptyState>
          <p>
            No closed week of this period had members yet. {formatWeek(shownMap.current.week)} is{' '}
            {openUntilText(shownMap.current, session.org.timezone)}.
          </p>
        </EmptyState>
      ) : (
        <div aria-busy={heatmap.isPlaceholderData}>
          <HeatmapSummary heatmap={shownMap} rows={all} id={summaryId} />
          <HeatmapLegend
            metric={shownMap.metric}
            k={shownMap.k}
            anyBeforeStart={all.some((row) => row.before > 0)}
          />
          <p className="hint">
            Closed weeks only. {formatWeek(shownMap.current.week)} is{' '}
            {openUntilText(shownMap.current, session.org.timezone)}; nothing of it is shown until it
            closes.
          </p>
          {shown.length === 0 ? (
            <EmptyState>
              <p>No team name contains “{filter.trim()}”.</p>
            </EmptyState>
          ) : (
            <>
              <p className="hint" aria-live="polite">
                {deferredFilter
                  ? `${formatCount(shown.length)} of ${formatCount(all.length)} teams shown.`
                  : ''}
              </p>
              <HeatmapGrid
                heatmap={shownMap}
                rows={shown}
                label={`${metricScales[heatmap.data.metric].label} by team and week`}
                summaryId={summaryId}
              />
              <p className="hint">
                <strong>Latest</strong> is a team's most recent shown week; <strong>Change</strong>{' '}
                is from its first to its most recent shown week of this period (
                {heatmap.data.metric === 'participation' ? 'percentage points' : 'points'}
                ). Each cell opens that team's page — on a touch screen, tap once to read a cell and
                again to open it. In the grid, arrow keys move between weeks and teams.
              </p>
            </>
          )}
        </div>
      )}
    </>
  );
}
