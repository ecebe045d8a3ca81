import type { Me, TeamRef } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { teamExperiments } from '../../api/experiments.queries.ts';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { DecisionLine, ExperimentHeadline, VerdictLine } from './ExperimentSummaries.tsx';
import { completed, runningOrPlanned } from './experiments.ts';
import { PulseBanner } from './PulseBanner.tsx';

/** How many ended experiments the story shows; the team page lists them all. */
const STORY_LENGTH = 3;

/** A member's first screen: this week's pulse, what the team is trying, and what came of it. */
export function MemberHome({ session }: { session: Me }) {
  const team = session.memberOf;
  return (
    <>
      <h1>Hello, {session.user.name}</h1>
      {team ? (
        <>
          <PulseBanner />
          <TeamStory team={team} k={session.minGroupSize} />
          <p className="muted">
            Your answers are stored without your name, and results appear only when at least{' '}
            {session.minGroupSize} people answered in the same week.{' '}
            <Link to={`/teams/${team.id}`}>See {team.name}'s results</Link>
          </p>
        </>
      ) : (
        <EmptyState>
          <p>
            You are not in a team yet. Once your HR team adds you to one, its pulse appears here.
          </p>
        </EmptyState>
      )}
    </>
  );
}

/** "You said, we tried, here is what happened": the team's experiments in plain words. */
function TeamStory({ team, k }: { team: TeamRef; k: number }) {
  const experiments = useQuery(teamExperiments(team.id));
  if (experiments.isPending) return <Loading label="Loading your team's experiments…" />;
  if (experiments.isError) {
    return <ErrorState error={experiments.error} onRetry={() => experiments.refetch()} />;
  }
  const now = runningOrPlanned(experiments.data);
  const story = completed(experiments.data).slice(0, STORY_LENGTH);
  return (
    <>
      <section aria-labelledby="trying-title" className="section">
        <h2 id="trying-title">What {team.name} is trying</h2>
        {now ? (
          <div className="experiment-item">
            <ExperimentHeadline experiment={now} />
            <p className="pre-line">{now.hypothesis}</p>
          </div>
        ) : (
          <p>
            Nothing right now.{' '}
            <Link to={`/teams/${team.id}#experiments-title`}>Propose an idea</Link> for what the
            team could own next.
          </p>
        )}
      </section>
      <section aria-labelledby="story-title" className="section">
        <h2 id="story-title">You said, we tried — here is what happened</h2>
        {story.length === 0 ? (
          <p className="muted">No experiment has ended yet. Results appear here when one does.</p>
        ) : (
          <ul className="experiment-list" aria-label="Experiments that ended">
            {story.map((e) => (
              <li key={e.id} className="experiment-item">
                <ExperimentHeadline experiment={e} />
                {e.ideaId ? <p className="muted">It started as an idea from the team.</p> : null}
                <VerdictLine experiment={e} k={k} />
                <DecisionLine experiment={e} canDecide={false} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
