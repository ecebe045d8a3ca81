import type { Idea } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { teamExperimentList } from '../../../api/experiments.queries.ts';
import { useSession } from '../../../app/session.ts';
import { ErrorState, Loading } from '../../../components/States.tsx';
import { ExperimentList } from './ExperimentList.tsx';
import { IdeasPanel } from './IdeasPanel.tsx';
import { LaunchExperimentForm } from './LaunchExperimentForm.tsx';
import type { ExperimentScope } from './types.ts';

/**
 * The team's ownership experiments: the list (everyone in the team reads it and its results),
 * the team's ideas, and for its lead and HR the launch form.
 */
export function ExperimentsSection({
  teamId,
  canManage,
}: ExperimentScope & { canManage: boolean }) {
  const session = useSession();
  const list = useQuery(teamExperimentList(teamId));
  const [idea, setIdea] = useState<Idea>();
  const inTeam = session.memberOf?.id === teamId || session.leads.some((t) => t.id === teamId);

  return (
    <section aria-labelledby="experiments-title" className="section">
      <h2 id="experiments-title">Experiments</h2>
      <p className="hint">
        One ownership experiment at a time: the team owns something new for a week or more, and its
        weeks are shaded on the trends above. Results compare them with the weeks before.
      </p>
      {list.isPending ? (
        <Loading label="Loading experiments…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <>
          <ExperimentList experiments={list.data.experiments} canLaunch={canManage} />
          <IdeasPanel
            teamId={teamId}
            experiments={list.data.experiments}
            canTakePart={inTeam}
            canLaunch={canManage}
            onLaunch={setIdea}
          />
          {canManage ? (
            <section aria-labelledby="launch-title" className="subsection">
              <h3 id="launch-title">Launch an experiment</h3>
              <LaunchExperimentForm
                teamId={teamId}
                experiments={list.data.experiments}
                takenWeeks={list.data.takenWeeks}
                idea={idea}
                onClearIdea={() => setIdea(undefined)}
              />
            </section>
          ) : null}
        </>
      )}
    </section>
  );
}
