import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { teamExperiments } from '../../api/experiments.queries.ts';
import { team as teamQuery } from '../../api/teams.queries.ts';
import { teamTrends } from '../../api/trends.queries.ts';
import { canSeeTeamDetails, useSession } from '../../app/session.ts';
import { ChartFigureSkeleton } from '../../components/ChartFigure.tsx';
import { MembersTable } from '../../components/MembersTable.tsx';
import { PeriodSelect } from '../../components/PeriodSelect.tsx';
import { ErrorState, SkeletonText } from '../../components/States.tsx';
import { WeekStats, WeekStatsSkeleton } from '../../components/WeekStats.tsx';
import { formatCount, formatWeek } from '../../lib/format.ts';
import { fromFirstMembers } from '../../lib/hidden.ts';
import { useSearchParam } from '../../lib/searchParams.ts';
import { InvitePanel } from '../admin/InvitePanel.tsx';
import { SmallTeamWarning } from '../home/SmallTeamWarning.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { ExperimentsSection, useExperimentBands } from './experiments/index.ts';
import { ItemScores } from './ItemScores.tsx';
import { DEFAULT_PERIOD, PERIODS, trendsPeriod } from './period.ts';
import { TrendsSection } from './TrendsSection.tsx';

/** The charts of `TrendsSection`, in its order, for the skeleton drawn while they load. */
const TREND_TITLES = ['Engagement', 'eNPS', 'Participation'];

function TeamUnavailable({ error }: { error: unknown }) {
  if (isApiError(error, 404)) {
    return (
      <>
        <h1>Team not found</h1>
        <p>There is no such team in your organisation. It may have been removed.</p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </>
    );
  }
  if (isApiError(error, 403)) {
    return (
      <>
        <h1>You don't have access to this team</h1>
        <p>Team results are for the team's members, its leads and HR.</p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Team</h1>
      <ErrorState error={error} title="Could not load this team" />
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}

/** One page per team: moving to another team starts afresh rather than showing this one's data. */
export function TeamPage() {
  const { teamId = '' } = useParams();
  return <TeamView key={teamId} teamId={teamId} />;
}

function TeamView({ teamId }: { teamId: string }) {
  const session = useSession();
  const { params, setParam } = useSearchParam();

  const { period, from, to } = trendsPeriod(session.org.timezone, params.get('weeks'));
  // Side by side, not one after the other: a team the caller may not see fails all of them alike.
  const team = useQuery(teamQuery(teamId));
  const trends = useQuery(teamTrends(teamId, { from, to }));
  const experiments = useQuery(teamExperiments(teamId));
  const bands = useExperimentBands({ teamId, from, to });
  // The top of the page (latest week, the trends and their experiment bands) is drawn in one go,
  // into skeletons of its shape, and the sections below only after it: nothing on screen moves
  // when the answers arrive (layout shift). Changing the period keeps the previous trends meanwhile.
  const loading = team.isPending || trends.isPending || experiments.isPending;
  // The sections below follow in a second, interruptible render, so that drawing them does not
  // hold up the first paint of the results (a long task otherwise).
  const showRest = useDeferredValue(!loading);
  const commentsWeek = params.get('week') ?? undefined;
  const detailed = canSeeTeamDetails(session, teamId);

  if (team.isError) return <TeamUnavailable error={team.error} />;

  const name = team.data?.name ?? session.teams.find((t) => t.id === teamId)?.name ?? 'Team';
  const latest = trends.data?.weeks.findLast((w) => !w.suppressed && w.engagement !== null);

  return (
    <>
      <title>{`${name} · Leeway`}</title>
      <h1>{name}</h1>
      <p className="muted">
        {team.data ? (
          <>
            {formatCount(team.data.memberCount)}{' '}
            {team.data.memberCount === 1 ? 'member' : 'members'}
            {team.data.leads.length > 0
              ? ` · led by ${team.data.leads.map((l) => l.name).join(', ')}`
              : ''}
          </>
        ) : (
          <SkeletonText size="long" />
        )}
      </p>
      {team.data ? (
        <SmallTeamWarning
          memberCount={team.data.memberCount}
          k={session.minGroupSize}
          teamName={team.data.name}
        />
      ) : null}
      {loading ? (
        <p className="visually-hidden" role="status">
          Loading the team…
        </p>
      ) : null}

      <section aria-labelledby="latest-title" aria-busy={loading} className="section">
        <h2 id="latest-title">Latest published week</h2>
        {loading ? (
          <>
            <p className="muted">
              <SkeletonText />
            </p>
            <WeekStatsSkeleton />
          </>
        ) : trends.isError ? null : latest ? (
          <>
            <p className="muted">{formatWeek(latest.week)}</p>
            <WeekStats week={latest} />
          </>
        ) : (
          <p>
            Results appear once at least {trends.data.k} people answered in the same week. Until
            then figures stay hidden to protect anonymity.
          </p>
        )}
      </section>

      <section aria-labelledby="trends-title" aria-busy={loading} className="section">
        <div className="section-head">
          <h2 id="trends-title">Trends</h2>
          <PeriodSelect
            periods={PERIODS}
            value={period}
            defaultPeriod={DEFAULT_PERIOD}
            onChange={(weeks) => setParam('weeks', weeks)}
          />
        </div>
        {loading ? (
          <div className="chart-grid">
            {TREND_TITLES.map((title) => (
              <ChartFigureSkeleton key={title} title={title} />
            ))}
          </div>
        ) : trends.isError ? (
          <ErrorState error={trends.error} onRetry={() => trends.refetch()} />
        ) : (
          <>
            <TrendsSection trends={trends.data} bands={bands} timeZone={session.org.timezone} />
            {latest ? (
              <div className="subsection">
                <h3>Item breakdown</h3>
                <ItemScores week={latest} />
              </div>
            ) : null}
          </>
        )}
      </section>

      {showRest ? (
        <>
          <ExperimentsSection teamId={teamId} from={from} to={to} canManage={detailed} />

          {detailed ? (
            <CommentsPanel
              teamId={teamId}
              weeks={trends.data ? fromFirstMembers(trends.data.weeks) : []}
              week={commentsWeek}
              onWeekChange={(week) => setParam('week', week)}
            />
          ) : null}

          {detailed && team.data ? (
            <section aria-labelledby="members-title" className="section">
              <h2 id="members-title">Members</h2>
              <MembersTable teamId={teamId} teamName={team.data.name} />
              {session.leads.some((t) => t.id === teamId) ? (
                <div className="subsection">
                  <h3>Invite a member</h3>
                  <p className="hint">
                    They get a link to set a password and join {team.data.name}. It works once and
                    expires.
                  </p>
                  <InvitePanel team={{ id: teamId, name: team.data.name }} />
                </div>
              ) : null}
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
