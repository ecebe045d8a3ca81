import { useQuery } from '@tanstack/react-query';
import { teamTrends } from '../../api/trends.queries.ts';
import { ErrorState, Loading } from '../../components/States.tsx';
import { WeekStats } from '../../components/WeekStats.tsx';
import { formatWeek } from '../../lib/format.ts';

/** The team's most recent week with enough answers to publish; never a suppressed one. */
export function LatestResults({ teamId, teamName }: { teamId: string; teamName: string }) {
  const trends = useQuery(teamTrends(teamId));
  const latest = trends.data?.weeks.findLast((w) => !w.suppressed && w.engagement !== null);

  return (
    <section aria-labelledby="latest-results-title" className="section">
      <h2 id="latest-results-title">{teamName}'s latest results</h2>
      {trends.isPending ? (
        <Loading label="Loading your team's results…" />
      ) : trends.isError ? (
        <ErrorState error={trends.error} onRetry={() => trends.refetch()} />
      ) : latest ? (
        <>
          <p className="muted">{formatWeek(latest.week)}</p>
          <WeekStats week={latest} />
        </>
      ) : (
        <p>
          Results appear once at least {trends.data.k} people in your team answered in the same
          week.
        </p>
      )}
    </section>
  );
}
