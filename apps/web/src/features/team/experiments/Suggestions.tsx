import type { Suggestion } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { teamRecommendations } from '../../../api/evidence.queries.ts';
import { ErrorState, Loading } from '../../../components/States.tsx';
import { experimentTypeText } from '../../../lib/experiments.ts';
import { formatChange, formatInterval } from '../../../lib/format.ts';

/** What the suggestion expects, in points: the organisation's pooled change and its intervals. */
function expectedText(s: Suggestion): string {
  if (!s.expected) return 'Starter experiment: no result here yet';
  const { diff, ci95, pi95, experiments } = s.expected;
  const base = `${formatChange(diff)} points expected (95 % CI ${formatInterval(ci95)}, ${experiments} ${experiments === 1 ? 'experiment' : 'experiments'})`;
  return pi95 ? `${base}; a new team: ${formatInterval(pi95)}` : base;
}

/**
 * The next experiments for a team, best first, each with why (issue 14): on the lead's home, and
 * in the launch form, where "Use this" fills the form.
 */
export function Suggestions({
  teamId,
  limit = 3,
  onUse,
}: {
  teamId: string;
  limit?: number;
  onUse?: (s: Suggestion) => void;
}) {
  const recommendations = useQuery(teamRecommendations(teamId));
  if (recommendations.isPending) return <Loading label="Finding what to try next…" />;
  if (recommendations.isError) {
    return <ErrorState error={recommendations.error} onRetry={() => recommendations.refetch()} />;
  }
  const shown = recommendations.data.suggestions.slice(0, limit);
  if (shown.length === 0) {
    return <p className="muted">Every kind of experiment has been tried and decided here.</p>;
  }
  return (
    <ol className="suggestions" aria-label="Suggested next experiments, best first">
      {shown.map((s) => (
        <li key={s.type} className="suggestion">
          <p className="suggestion-title">
            <strong>{experimentTypeText[s.type].name}</strong>
            <span className="cell-sub"> · {expectedText(s)}</span>
          </p>
          <p>{s.reason}</p>
          {onUse ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => onUse(s)}
            >
              Use this: “{s.title}”
            </button>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
