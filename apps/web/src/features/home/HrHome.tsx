import type { Experiment, Me } from '@leeway/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { teamExperiments } from '../../api/experiments.queries.ts';
import { invitationList } from '../../api/invitations.queries.ts';
import { orgHeatmap, orgTrends } from '../../api/org.queries.ts';
import { teamList } from '../../api/teams.queries.ts';
import { ErrorState, Loading } from '../../components/States.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { decisionText } from '../../lib/experiments.ts';
import { formatWeekSpan } from '../../lib/format.ts';
import { addWeeks, compareWeeks } from '../../lib/week.ts';
import { teamsNeedingAttention } from './attention.ts';
import { LastClosedWeek } from './LastClosedWeek.tsx';
import { PulseBanner } from './PulseBanner.tsx';
import { TeamsTable } from './TeamsTable.tsx';

/** Experiments that ended within this many weeks of the last closed one are "recent". */
const RECENT_WEEKS = 4;

/** HR's first screen: the org's last closed week, teams to look at, ended experiments, setup. */
export function HrHome({ session }: { session: Me }) {
  const k = session.minGroupSize;
  const teams = useQuery(teamList());
  const trends = useQuery(orgTrends({}));
  const invitations = useQuery(invitationList());
  const closed = trends.data?.weeks ?? [];
  const last = closed.at(-1)?.week;
  const range = last ? { from: addWeeks(last, -1), to: last } : {};
  const engagement = useQuery({ ...orgHeatmap(range, 'engagement'), enabled: last !== undefined });
  const participation = useQuery({
    ...orgHeatmap({ from: last, to: last }, 'participation'),
    enabled: last !== undefined,
  });
  const experiments = useQueries({
    queries: (teams.data ?? []).map((t) => teamExperiments(t.id)),
  });

  if (teams.isPending || trends.isPending) return <Loading label="Loading your organisation…" />;
  if (teams.isError) return <ErrorState error={teams.error} onRetry={() => teams.refetch()} />;
  if (trends.isError) return <ErrorState error={trends.error} onRetry={() => trends.refetch()} />;

  const allExperiments = experiments.flatMap((q) => q.data ?? []);
  const experimentsKnown = experiments.every((q) => q.isSuccess);
  const steps = [
    { done: teams.data.length > 0, text: 'Create your teams', to: '/admin#teams' },
    {
      done:
        teams.data.some((t) => t.memberCount > 0 || t.leads.length > 0) ||
        (invitations.data?.length ?? 0) > 0,
      text: 'Invite people to them',
      to: '/people#invite',
    },
    {
      done: trends.data.weeks.some((w) => !w.suppressed),
      text: `Get a first week's results: at least ${k} people of a team answer the same week`,
      to: '/org',
    },
    {
      done: allExperiments.length > 0,
      text: 'Have a lead launch a first experiment',
      to: teams.data[0] ? `/teams/${teams.data[0].id}#launch-title` : '/admin#teams',
    },
  ];
  const setupDone = steps.every((s) => s.done) || !experimentsKnown;
  const teamName = (id: string) => teams.data.find((t) => t.id === id)?.name ?? 'Unknown team';
  const ended = allExperiments
    .filter(
      (e) =>
        e.status === 'completed' &&
        (e.decision === null ||
          (last && compareWeeks(e.endWeek, addWeeks(last, -RECENT_WEEKS)) >= 0)),
    )
    .sort((a, b) => compareWeeks(b.endWeek, a.endWeek))
    .slice(0, 6);
  const attention = teamsNeedingAttention({
    teams: teams.data,
    engagement: engagement.data,
    participation: participation.data,
    k,
  });

  return (
    <>
      <h1>{session.org.name}</h1>
      {session.memberOf ? <PulseBanner /> : null}
      {setupDone ? null : (
        <section aria-labelledby="setup-title" className="section">
          <h2 id="setup-title">Getting started</h2>
          <ol className="checklist">
            {steps.map((s) => (
              <li key={s.text} className={s.done ? 'checklist-done' : undefined}>
                {s.done ? (
                  <>
                    <span className="visually-hidden">Done: </span>
                    {s.text}
                  </>
                ) : (
                  <>
                    <span className="visually-hidden">To do: </span>
                    <Link to={s.to}>{s.text}</Link>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="org-week-title" className="section">
        <div className="section-head">
          <h2 id="org-week-title">How the organisation is</h2>
          <Link to="/org">Trends, heatmap and what works</Link>
        </div>
        <LastClosedWeek
          weeks={trends.data.weeks}
          current={trends.data.current}
          k={trends.data.k}
          timeZone={session.org.timezone}
          whose={session.org.name}
        />
      </section>

      <section aria-labelledby="attention-title" className="section">
        <h2 id="attention-title">Teams that need attention</h2>
        {engagement.isError || participation.isError ? (
          <ErrorState
            error={engagement.error ?? participation.error}
            onRetry={() => {
              engagement.refetch();
              participation.refetch();
            }}
          />
        ) : attention.length === 0 ? (
          <p>No team stands out: no drops in engagement, participation above 60 %.</p>
        ) : (
          <TableScroll label="Table of teams that need attention">
            <table>
              <caption className="visually-hidden">Teams that need attention and why</caption>
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {attention.map((a) => (
                  <tr key={`${a.teamId}-${a.why}`}>
                    <th scope="row">
                      <Link to={`/teams/${a.teamId}`}>{a.name}</Link>
                    </th>
                    <td>{a.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="ended-title" className="section">
        <h2 id="ended-title">Experiments that ended</h2>
        {!experimentsKnown ? (
          <Loading label="Loading experiments…" />
        ) : ended.length === 0 ? (
          <p className="muted">No experiment ended in the last {RECENT_WEEKS} weeks.</p>
        ) : (
          <ul className="experiment-list" aria-label="Experiments that ended">
            {ended.map((e: Experiment) => (
              <li key={e.id} className="experiment-item">
                <Link className="experiment-item-title" to={`/experiments/${e.id}`}>
                  {e.title}
                </Link>
                <p className="experiment-item-meta">
                  {teamName(e.teamId)} · {formatWeekSpan(e.startWeek, e.endWeek)}
                </p>
                <p>
                  {e.decision
                    ? `Decision: ${decisionText[e.decision].name} — ${decisionText[e.decision].explanation}`
                    : 'No decision recorded yet.'}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="teams-title" className="section">
        <div className="section-head">
          <h2 id="teams-title">Teams</h2>
          <p>
            <Link to="/people">People and invitations</Link> · <Link to="/admin">Manage teams</Link>
          </p>
        </div>
        <TeamsTable teams={teams.data} k={k} />
      </section>
    </>
  );
}
