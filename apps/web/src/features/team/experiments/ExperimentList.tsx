import type { Experiment } from '@leeway/contracts';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/States.tsx';
import { decisionText, experimentTypeText } from '../../../lib/experiments.ts';
import { formatWeekSpan } from '../../../lib/format.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** The team's experiments, newest first, each linking to its results and decision. */
export function ExperimentList({
  experiments,
  canLaunch,
}: {
  experiments: Experiment[];
  canLaunch: boolean;
}) {
  if (experiments.length === 0) {
    return (
      <EmptyState>
        <p>
          No experiments yet.{' '}
          {canLaunch
            ? 'Launch the first one below: pick what the team will own for a week or more.'
            : 'Propose an idea below; your lead can launch it as an experiment.'}
        </p>
      </EmptyState>
    );
  }
  return (
    <ul className="experiment-list" aria-label="Experiment list">
      {experiments.map((e) => (
        <li key={e.id} className="experiment-item">
          <div className="experiment-item-head">
            <Link className="experiment-item-title" to={`/experiments/${e.id}`}>
              {e.title}
            </Link>
            <StatusBadge status={e.status} />
          </div>
          <p className="experiment-item-meta">
            {experimentTypeText[e.type].name} · {formatWeekSpan(e.startWeek, e.endWeek)}
          </p>
          {e.decision ? (
            <p className="experiment-item-decision">
              <strong>Decision: {decisionText[e.decision].name}.</strong>
              {e.learnings ? ` ${e.learnings}` : null}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
