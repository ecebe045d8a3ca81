import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { experiment as experimentQuery } from '../../api/experiments.queries.ts';
import { canSeeTeamDetails, useSession } from '../../app/session.ts';
import { ErrorState, Loading } from '../../components/States.tsx';
import { experimentTypeText } from '../../lib/experiments.ts';
import { formatWeekSpan } from '../../lib/format.ts';
import { addWeeks } from '../../lib/week.ts';
import { StatusBadge } from '../team/experiments/StatusBadge.tsx';
import { CancelSection } from './CancelSection.tsx';
import { DecisionSection } from './DecisionSection.tsx';
import { ImpactSection } from './ImpactSection.tsx';
import { VotesSection } from './VotesSection.tsx';

function ExperimentUnavailable({ error }: { error: unknown }) {
  if (isApiError(error, 404)) {
    return (
      <>
        <title>Experiment not found · Leeway</title>
        <h1>Experiment not found</h1>
        <p>There is no such experiment in your organisation. The link may be incomplete.</p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </>
    );
  }
  if (isApiError(error, 403)) {
    return (
      <>
        <title>Not allowed · Leeway</title>
        <h1>You don't have access to this experiment</h1>
        <p>Experiments are for the team's members, its leads and HR.</p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <title>Experiment · Leeway</title>
      <h1>Experiment</h1>
      <ErrorState error={error} title="Could not load this experiment" />
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}

export function ExperimentPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const query = useQuery(experimentQuery(id));

  if (query.isPending) {
    return (
      <>
        <title>Experiment · Leeway</title>
        <h1>Experiment</h1>
        <Loading label="Loading the experiment…" />
      </>
    );
  }
  if (query.isError) return <ExperimentUnavailable error={query.error} />;

  const experiment = query.data;
  const type = experimentTypeText[experiment.type];
  const teamName = session.teams.find((t) => t.id === experiment.teamId)?.name ?? 'the team';
  const canManage = canSeeTeamDetails(session, experiment.teamId);
  const baselineFrom = addWeeks(experiment.startWeek, -experiment.baselineWeeks);
  const baselineTo = addWeeks(experiment.startWeek, -1);

  return (
    <>
      <title>{`${experiment.title} · Leeway`}</title>
      <p className="breadcrumb">
        <Link to={`/teams/${experiment.teamId}`}>Back to {teamName}</Link>
      </p>
      <h1 className="experiment-title">{experiment.title}</h1>
      <p className="experiment-meta">
        <StatusBadge status={experiment.status} />
        <span>
          {type.name} · {teamName}
        </span>
      </p>
      <dl className="facts">
        <div>
          <dt>Type</dt>
          <dd>
            {type.name} — {type.explanation}
          </dd>
        </div>
        <div>
          <dt>Hypothesis</dt>
          <dd className="pre-line">{experiment.hypothesis}</dd>
        </div>
        <div>
          <dt>Weeks</dt>
          <dd>{formatWeekSpan(experiment.startWeek, experiment.endWeek)}</dd>
        </div>
        <div>
          <dt>Compared with</dt>
          <dd>{formatWeekSpan(baselineFrom, baselineTo)} (the baseline)</dd>
        </div>
        {experiment.ideaId ? (
          <div>
            <dt>Origin</dt>
            <dd>An idea proposed by the team</dd>
          </div>
        ) : null}
      </dl>

      <ImpactSection experiment={experiment} k={session.minGroupSize} />
      <DecisionSection experiment={experiment} canManage={canManage} />
      <VotesSection experiment={experiment} />
      {canManage && (experiment.status === 'planned' || experiment.status === 'running') ? (
        <CancelSection experiment={experiment} />
      ) : null}
    </>
  );
}
