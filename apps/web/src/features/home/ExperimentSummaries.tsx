import type { Experiment } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { experimentImpact } from '../../api/experiments.queries.ts';
import { Loading } from '../../components/States.tsx';
import { decisionText, experimentTypeText } from '../../lib/experiments.ts';
import { formatWeekSpan } from '../../lib/format.ts';
import { suppressedSentence, verdictSentence } from '../experiment/verdict.ts';
import { StatusBadge } from '../team/experiments/StatusBadge.tsx';

/** One experiment's title, status and weeks, linking to its page. */
export function ExperimentHeadline({ experiment }: { experiment: Experiment }) {
  return (
    <>
      <div className="experiment-item-head">
        <Link className="experiment-item-title" to={`/experiments/${experiment.id}`}>
          {experiment.title}
        </Link>
        <StatusBadge status={experiment.status} />
      </div>
      <p className="experiment-item-meta">
        {experimentTypeText[experiment.type].name} ·{' '}
        {formatWeekSpan(experiment.startWeek, experiment.endWeek)}
      </p>
    </>
  );
}

/** What an experiment's closed weeks show, in the experiment page's words. */
export function VerdictLine({ experiment, k }: { experiment: Experiment; k: number }) {
  const impact = useQuery(experimentImpact(experiment.id));
  if (impact.isPending) return <Loading label="Loading its result…" />;
  if (impact.isError) return <p className="muted">Its result could not be loaded.</p>;
  const sentence = verdictSentence(impact.data, experiment.durationWeeks);
  return <p>{sentence ? `${sentence}.` : suppressedSentence(impact.data, k)}</p>;
}

/** The decision taken, or that it is still to record. */
export function DecisionLine({
  experiment,
  canDecide,
}: {
  experiment: Experiment;
  canDecide: boolean;
}) {
  if (experiment.decision) {
    return (
      <p className="experiment-item-decision">
        <strong>Decision: {decisionText[experiment.decision].name}</strong> —{' '}
        {decisionText[experiment.decision].explanation}
        {experiment.learnings ? ` ${experiment.learnings}` : null}
      </p>
    );
  }
  return canDecide ? (
    <p>
      <Link to={`/experiments/${experiment.id}#decision-title`}>Record the decision</Link>: adopt,
      adapt or abandon it, with what the team learned.
    </p>
  ) : (
    <p className="muted">No decision recorded yet.</p>
  );
}
