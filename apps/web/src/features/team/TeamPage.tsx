import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { team as teamQuery } from '../../api/teams.queries.ts';
import { teamTrends } from '../../api/trends.queries.ts';
import { canSeeTeamDetails, useSession } from '../../app/session.ts';
import { Field } from '../../components/Field.tsx';
import { MembersTable } from '../../components/MembersTable.tsx';
import { ErrorState, Loading } from '../../components/States.tsx';
import { WeekStats } from '../../components/WeekStats.tsx';
import { formatCount, formatWeek } from '../../lib/format.ts';
import { addWeeks, currentWeek } from '../../lib/week.ts';
import { InvitePanel } from '../admin/InvitePanel.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { ExperimentsSection, useExperimentBands } from './experiments/index.ts';
import { ItemScores } from './ItemScores.tsx';
import { TrendsSection } from './TrendsSection.tsx';

const PERIODS = [8, 12, 16, 26, 52];
const DEFAULT_PERIOD = 16;

function TeamUnavailable({ error }: { error: unknown }) {
  if (isApiError(error, 404)) {
    return (
      <>
        <h1>Team not found</h1>
        <p>There is no such team in your organisation. It may have been removed.</p>
      </>
    );
  }
  if (isApiError(error, 403)) {
    return (
      <>
        <h1>You don't have access to this team</h1>
        <p>Team results are for the team's members, its leads and HR.</p>
      </>
    );
  }
  return (
    <>
      <h1>Team</h1>
      <ErrorState error={error} title="Could not load this team" />
    </>
  );
}

export function TeamPage() {
  const { teamId = '' } = useParams();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const team = useQuery(teamQuery(teamId));

  const requested = Number(params.get('weeks'));
  const period = PERIODS.includes(requested) ? requested : DEFAULT_PERIOD;
  const to = currentWeek(session.org.timezone);
  const from = addWeeks(to, -(period - 1));
  const trends = useQuery({ ...teamTrends(teamId, { from, to }), enabled: team.isSuccess });
  const bands = useExperimentBands({ teamId, from, to });
  const commentsWeek = params.get('week') ?? undefined;
  const detailed = canSeeTeamDetails(session, teamId);

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const knownName = session.teams.find((t) => t.id === teamId)?.name;
  if (team.isPending) {
    return (
      <>
        <title>{`${knownName ?? 'Team'} · Leeway`}</title>
        <h1>{knownName ?? 'Team'}</h1>
        <Loading label="Loading the team…" />
      </>
    );
  }
  if (team.isError) return <TeamUnavailable error={team.error} />;

  const { name, memberCount, leads } = team.data;
  const latest = trends.data?.weeks.findLast((w) => !w.suppressed && w.engagement !== null);

  return (
    <>
      <title>{`${name} · Leeway`}</title>
      <h1>{name}</h1>
      <p className="muted">
        {formatCount(memberCount)} {memberCount === 1 ? 'member' : 'members'}
        {leads.length > 0 ? ` · led by ${leads.map((l) => l.name).join(', ')}` : ''}
      </p>

      <section aria-labelledby="latest-title" className="section">
        <h2 id="latest-title">Latest published week</h2>
        {trends.isPending ? (
          <Loading label="Loading results…" />
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

      <section aria-labelledby="trends-title" className="section">
        <div className="section-head">
          <h2 id="trends-title">Trends</h2>
          <Field label="Period" className="field-inline">
            {(control) => (
              <select
                {...control}
                value={period}
                onChange={(e) =>
                  setParam(
                    'weeks',
                    Number(e.target.value) === DEFAULT_PERIOD ? undefined : e.target.value,
                  )
                }
              >
                {PERIODS.map((p) => (
                  <option key={p} value={p}>
                    Last {p} weeks
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {trends.isPending ? (
          <Loading label="Loading trends…" />
        ) : trends.isError ? (
          <ErrorState error={trends.error} onRetry={() => trends.refetch()} />
        ) : (
          <>
            <TrendsSection trends={trends.data} bands={bands} />
            {latest ? (
              <div className="subsection">
                <h3>Item breakdown</h3>
                <ItemScores week={latest} />
              </div>
            ) : null}
          </>
        )}
      </section>

      <ExperimentsSection teamId={teamId} from={from} to={to} canManage={detailed} />

      {detailed ? (
        <CommentsPanel
          teamId={teamId}
          weeks={trends.data?.weeks ?? []}
          week={commentsWeek}
          onWeekChange={(week) => setParam('week', week)}
        />
      ) : null}

      {detailed ? (
        <section aria-labelledby="members-title" className="section">
          <h2 id="members-title">Members</h2>
          <MembersTable teamId={teamId} teamName={name} />
          {session.leads.some((t) => t.id === teamId) ? (
            <div className="subsection">
              <h3>Invite a member</h3>
              <p className="hint">
                They get a link to set a password and join {name}. It works once and expires.
              </p>
              <InvitePanel team={{ id: teamId, name }} />
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
