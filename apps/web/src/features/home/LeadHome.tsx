import type { Me } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { teamExperiments } from '../../api/experiments.queries.ts';
import { currentPulse } from '../../api/pulse.queries.ts';
import { team as teamQuery } from '../../api/teams.queries.ts';
import { teamComments, teamTrends } from '../../api/trends.queries.ts';
import { Field } from '../../components/Field.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { formatCount, formatWeek } from '../../lib/format.ts';
import { hiddenText } from '../../lib/hidden.ts';
import { useSearchParam } from '../../lib/searchParams.ts';
import { DecisionLine, ExperimentHeadline, VerdictLine } from './ExperimentSummaries.tsx';
import { completed, runningOrPlanned } from './experiments.ts';
import { LastClosedWeek } from './LastClosedWeek.tsx';
import { LeadRecommendations } from './LeadRecommendations.tsx';
import { leadNextStep } from './nextStep.ts';
import { SmallTeamWarning } from './SmallTeamWarning.tsx';

/** A lead's first screen: how the team is, what runs, what to decide, and the next step. */
export function LeadHome({ session }: { session: Me }) {
  const { params, setParam } = useSearchParam();
  const led = session.leads;
  const chosen = led.find((t) => t.id === params.get('team')) ?? led[0];

  return (
    <>
      <h1>Your teams</h1>
      {led.length > 1 && chosen ? (
        <Field label="Team you lead" className="field-inline">
          {(control) => (
            <select
              {...control}
              value={chosen.id}
              onChange={(e) =>
                setParam('team', e.target.value === led[0]?.id ? undefined : e.target.value)
              }
            >
              {led.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {chosen ? (
        <LedTeam key={chosen.id} session={session} teamId={chosen.id} />
      ) : (
        <EmptyState>
          <p>You do not lead a team yet. Your HR team can make you the lead of one.</p>
        </EmptyState>
      )}
      {session.memberOf ? (
        <p className="muted">
          You also answer the pulse of <strong>{session.memberOf.name}</strong>.
        </p>
      ) : null}
    </>
  );
}

function LedTeam({ session, teamId }: { session: Me; teamId: string }) {
  const k = session.minGroupSize;
  const team = useQuery(teamQuery(teamId));
  const trends = useQuery(teamTrends(teamId));
  const experiments = useQuery(teamExperiments(teamId));
  // Only someone who answers a pulse has one: asking otherwise is a 404 in the console.
  const pulse = useQuery({ ...currentPulse(), enabled: session.memberOf !== null });

  if (team.isPending || trends.isPending || experiments.isPending) {
    return <Loading label="Loading your team…" />;
  }
  const failed = team.error ?? trends.error ?? experiments.error;
  if (failed) {
    const retry = () => {
      for (const query of [team, trends, experiments]) if (query.isError) query.refetch();
    };
    return <ErrorState error={failed} onRetry={retry} />;
  }
  if (!team.data || !trends.data || !experiments.data) return null;

  const step = leadNextStep({
    teamId,
    team: team.data,
    pulse: session.memberOf ? pulse.data : null,
    experiments: experiments.data,
    k,
  });
  const now = runningOrPlanned(experiments.data);
  const lastDone = completed(experiments.data)[0];

  return (
    <>
      <p className="lead-team">
        <Link to={`/teams/${teamId}`}>{team.data.name}</Link>{' '}
        <span className="muted">
          · {formatCount(team.data.memberCount)}{' '}
          {team.data.memberCount === 1 ? 'member' : 'members'} · all results, members and
          experiments on its page
        </span>
      </p>
      <section className="banner" aria-labelledby="next-step-title">
        <div>
          <h2 id="next-step-title">Next step</h2>
          <p>{step.text}</p>
        </div>
        <Link className="button" to={step.to}>
          {step.action}
        </Link>
      </section>
      <SmallTeamWarning memberCount={team.data.memberCount} k={k} teamName={team.data.name} />
      {pulse.data?.answered ? (
        <p className="note">You have answered this week's pulse for {pulse.data.teamName}.</p>
      ) : null}

      <section aria-labelledby="how-title" className="section">
        <h2 id="how-title">How the team is</h2>
        <LastClosedWeek
          weeks={trends.data.weeks}
          current={trends.data.current}
          k={trends.data.k}
          timeZone={session.org.timezone}
          whose={team.data.name}
        />
      </section>

      <section aria-labelledby="experiment-title" className="section">
        <h2 id="experiment-title">Experiments</h2>
        <h3>{now?.status === 'planned' ? 'Planned next' : 'Running now'}</h3>
        {now ? (
          <div className="experiment-item">
            <ExperimentHeadline experiment={now} />
            {now.status === 'running' ? <VerdictLine experiment={now} k={k} /> : null}
          </div>
        ) : (
          <p>
            Nothing is running.{' '}
            <Link to={`/teams/${teamId}#launch-title`}>Launch an experiment</Link>.
          </p>
        )}
        <h3>Last result</h3>
        {lastDone ? (
          <div className="experiment-item">
            <ExperimentHeadline experiment={lastDone} />
            <VerdictLine experiment={lastDone} k={k} />
            <DecisionLine experiment={lastDone} canDecide />
          </div>
        ) : (
          <p className="muted">No experiment has ended yet.</p>
        )}
      </section>

      <LeadRecommendations teamId={teamId} />

      <LastWeekComments teamId={teamId} />
    </>
  );
}

function LastWeekComments({ teamId }: { teamId: string }) {
  const comments = useQuery(teamComments(teamId));
  return (
    <section aria-labelledby="home-comments-title" className="section">
      <h2 id="home-comments-title">
        New comments{comments.data ? `, ${formatWeek(comments.data.week)}` : ''}
      </h2>
      {comments.isPending ? (
        <Loading label="Loading comments…" />
      ) : comments.isError ? (
        <ErrorState error={comments.error} onRetry={() => comments.refetch()} />
      ) : comments.data.suppressed ? (
        <p>
          No comments are shown for this week:{' '}
          {hiddenText(comments.data.reason ?? 'fewer_than_k', comments.data.k)}.
        </p>
      ) : comments.data.comments.length === 0 ? (
        <p>Nobody left a comment in the last closed week.</p>
      ) : (
        <ul className="comments" aria-label="Comments of the last closed week">
          {comments.data.comments.map((text, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: comments carry no ids by design
            <li key={i}>{text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
