import type { ExperimentTypes, Heatmap, HeatmapMetric, OrgTrends } from '@leeway/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, apiPath } from './client.ts';
import type { WeekRange } from './trends.queries.ts';

export const orgKeys = {
  all: ['org'] as const,
  trends: (range: WeekRange) =>
    [...orgKeys.all, 'trends', range.from ?? null, range.to ?? null] as const,
  heatmap: (range: WeekRange, metric: HeatmapMetric) =>
    [...orgKeys.all, 'heatmap', metric, range.from ?? null, range.to ?? null] as const,
  experimentTypes: () => [...orgKeys.all, 'experiment-types'] as const,
};

/** Org-wide weekly series with the number of experiments running each week. */
export const orgTrends = (range: WeekRange) =>
  queryOptions({
    queryKey: orgKeys.trends(range),
    queryFn: ({ signal }) =>
      api<OrgTrends>('/api/org/trends', { query: { from: range.from, to: range.to }, signal }),
    placeholderData: keepPreviousData,
  });

/** Teams × weeks for one metric, suppression (and complementary suppression) applied by the API. */
export const orgHeatmap = (range: WeekRange, metric: HeatmapMetric) =>
  queryOptions({
    queryKey: orgKeys.heatmap(range, metric),
    queryFn: ({ signal }) =>
      api<Heatmap>('/api/org/heatmap', {
        query: { from: range.from, to: range.to, metric },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

/** Pooled (random-effects) impact of completed experiments, per type. */
export const experimentTypes = () =>
  queryOptions({
    queryKey: orgKeys.experimentTypes(),
    queryFn: ({ signal }) => api<ExperimentTypes>('/api/org/experiment-types', { signal }),
    select: (data) => data.types,
  });

/** The CSV export's address: a plain link, so the browser downloads it with the session cookie. */
export const orgExportHref = (range: WeekRange) =>
  apiPath('/api/org/export.csv', { from: range.from, to: range.to });
