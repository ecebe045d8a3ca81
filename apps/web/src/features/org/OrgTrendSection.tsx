import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { orgTrends } from '../../api/org.queries.ts';
import type { WeekRange } from '../../api/trends.queries.ts';
import { useSession } from '../../app/session.ts';
import { closedPoint, openPoint } from '../../components/charts/points.ts';
import type { WeekPoint } from '../../components/charts/types.ts';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { TrendFigure } from '../../components/TrendFigure.tsx';
import { WeekStats } from '../../components/WeekStats.tsx';
import { formatCount, formatPercent, formatScore, formatWeek } from '../../lib/format.ts';
import { fromFirstMembers, openWeekText, reasonOf } from '../../lib/hidden.ts';

/**
 * Engagement across the whole organisation by closed week, with the experiments running each
 * week, then the week in progress. Memoised: changing the heatmap's metric must not redraw it.
 */
export const OrgTrendSection = memo(function OrgTrendSection({ range }: { range: WeekRange }) {
  const session = useSession();
  const timeZone = session.org.timezone;
  const trends = useQuery(orgTrends(range));
  if (trends.isPending) return <Loading label="Loading the organisation's trend…" />;
  if (trends.isError) return <ErrorState error={trends.error} onRetry={() => trends.refetch()} />;
  const { k, current } = trends.data;
  // The weeks before anyone was a member are not hidden figures: there was nobody yet.
  const weeks = fromFirstMembers(trends.data.weeks);
  if (weeks.length === 0) {
    return (
      <EmptyState>
        <p>No closed weeks in this period yet: the trend appears once a week has closed.</p>
        <p>{openWeekText(current, timeZone)}.</p>
      </EmptyState>
    );
  }
  const latest = weeks.findLast((w) => !w.suppressed && w.engagement !== null);
  const engagement: WeekPoint[] = [
    ...weeks.map((w) => closedPoint(w, w.engagement?.mean ?? null, k)),
    openPoint(current, timeZone),
  ];
  const hiddenCount = (i: number, value: (w: (typeof weeks)[number]) => string) => {
    const week = weeks[i];
    if (!week) return '—';
    const reason = reasonOf(week);
    return reason === null ? value(week) : reason === 'no_data' ? '—' : 'hidden';
  };
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
        description={`Average engagement index (0–100) of everyone who answered in each closed week, with the number of experiments running each week as bars. A hidden week is a gap that says why (such as fewer than ${k} answers); the week in progress shows nothing until it closes.`}
        seriesName="Engagement (0–100)"
        data={engagement}
        bands={[]}
        counts={{ name: 'Experiments running', values: weeks.map((w) => w.experiments) }}
        yDomain={[0, 100]}
        yTicks={[0, 25, 50, 75, 100]}
        formatValue={formatScore}
        height={260}
        columns={[
          {
            header: 'Answers',
            cell: (i) =>
              hiddenCount(i, (w) => (w.respondents === null ? '—' : formatCount(w.respondents))),
          },
          {
            header: 'Participation',
            cell: (i) =>
              hiddenCount(i, (w) =>
                w.participation === null ? '—' : formatPercent(w.participation),
              ),
          },
        ]}
      />
    </>
  );
});
