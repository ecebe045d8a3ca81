import type { QueryClient } from '@tanstack/react-query';
import { me } from '../../api/auth.queries.ts';
import { teamExperiments } from '../../api/experiments.queries.ts';
import { team } from '../../api/teams.queries.ts';
import { teamTrends } from '../../api/trends.queries.ts';
import { trendsPeriod } from './period.ts';

/**
 * The data a team's page shows first, fetched beside the session check when the app opens on that
 * page (a link, a bookmark, a reload) rather than after the session and the page's code — three
 * round trips in a row before the results would show. The trends need the organisation's time
 * zone, so they follow the session. The page finds these queries in flight or done; a failure is
 * left for the page to meet and show.
 */
export function prefetchTeamPage(queryClient: QueryClient, teamId: string, search: string) {
  // The session first: the trends wait for it, the rest does not.
  queryClient
    .fetchQuery(me())
    .then((session) => {
      if (!session) return;
      const { from, to } = trendsPeriod(
        session.org.timezone,
        new URLSearchParams(search).get('weeks'),
      );
      return queryClient.prefetchQuery(teamTrends(teamId, { from, to }));
    })
    .catch(() => undefined);
  void queryClient.prefetchQuery(team(teamId));
  void queryClient.prefetchQuery(teamExperiments(teamId));
}
