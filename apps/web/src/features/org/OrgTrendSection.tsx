import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { orgTrends } from '../../api/org.queries.ts';
import type { WeekRange } from '../../api/trends.queries.ts';
import type { WeekPoint } from '../../components/charts/types.ts';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { TrendFigure } from '../../components/TrendFigure.tsx';
import { WeekStats } from '../../components/WeekStats.tsx';
import { formatCount, formatPercent, formatScore, formatWeek } from '../../lib/format.ts';

/**
 * Engagement across the whole organisation by week, with the experiments running each week.
 * Memoised: changing the heatmap's metric must not redraw this chart.
 */
export const OrgTrendSection = memo(function OrgTrendSection({ range }: { range: WeekRange }) {
  const trends = useQuery(orgTrends(range));
  if (trends.isPending) return <Loading label="Loading the organisation's trend…" />;
  if (trends.isError) return <ErrorState error={trends.error} onRetry={() => trends.refetch()} />;
  const { k, weeks } = trends.data;
  if (weeks.every((w) => w.respondents === 0)) {
    return (
      <EmptyState>
        <p>Nobody has answered a pulse in this period yet. The trend appears as answers come in.</p>
      </EmptyState>
    );
  }
  const latest = weeks.findLast((w) => !w.suppressed && w.engagement !== null);
  const engagement: WeekPoint[] = weeks.map((w) => ({
    week: w.week,
    value: w.engagement?.mean ?? null,
    suppressed: w.suppressed,
  }));
  return (
    <>
      {latest ? (
        <>
          <p className="muted">Latest published week: {formatWeek(latest.week)}</p>
          <WeekStats week={latest} />
        </>
      ) : null}
      <TrendFigure
        title="Engagement across the organisation"
        description={`Average engagement index (0–100) of everyone who answered, with the number of experiments running each week as bars. Weeks with fewer than ${k} answers, or hidden so no small group can be worked out, are gaps.`}
        seriesName="Engagement (0–100)"
        data={engagement}
        bands={[]}
        counts={{ name: 'Experiments running', values: weeks.map((w) => w.experiments) }}
        yDomain={[0, 100]}
        yTicks={[0, 25, 50, 75, 100]}
        formatValue={formatScore}
        k={k}
        height={260}
        columns={[
          { header: 'Answers', cell: (i) => formatCount(weeks[i]!.respondents) },
          {
            header: 'Participation',
            cell: (i) => {
              const p = weeks[i]!.participation;
              return p === null ? '—' : formatPercent(p);
            },
          },
        ]}
      />
    </>
  );
});
