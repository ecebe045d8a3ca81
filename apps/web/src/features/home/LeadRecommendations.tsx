import { Link } from 'react-router';
import { Suggestions } from '../team/experiments/Suggestions.tsx';

/**
 * What to try next on a lead's home (`GET /api/teams/:teamId/recommendations`, issue 14): the
 * organisation's evidence per experiment type, aimed at the team's weakest item, or starter
 * experiments while the organisation has none.
 */
export function LeadRecommendations({ teamId }: { teamId: string }) {
  return (
    <section aria-labelledby="next-experiment-title" className="section">
      <h2 id="next-experiment-title">What to try next</h2>
      <Suggestions teamId={teamId} />
      <p>
        <Link to={`/teams/${teamId}#launch-title`}>Launch one from your team's page</Link>.
      </p>
    </section>
  );
}
