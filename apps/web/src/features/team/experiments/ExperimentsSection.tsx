import type { Idea } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { teamExperimentList } from '../../../api/experiments.queries.ts';
import { team as teamQuery } from '../../../api/teams.queries.ts';
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
              <TooSmallForResults teamId={teamId} />
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

/**
 * Said before launching, not after weeks of waiting: in a team with fewer than k members no week
 * can be published, so an experiment there can show no result and the league table cannot count
 * it.
 */
function TooSmallForResults({ teamId }: { teamId: string }) {
  const session = useSession();
  const team = useQuery(teamQuery(teamId));
  const k = session.minGroupSize;
  if (!team.data || team.data.memberCount >= k) return null;
  return (
    <p className="alert alert-info" role="note">
      {team.data.name} has {team.data.memberCount} of the {k} members a result needs: an experiment
      launched now can show no result, and the organisation's comparison of experiment types will
      leave it out. To run one anyway, for the team's own sake, launch it as “not measured” below.
    </p>
  );
}
