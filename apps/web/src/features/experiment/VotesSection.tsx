import type { Experiment, Votes } from '@leeway/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ErrorState, FormError, Loading } from '../../components/States.tsx';
import { formatCount, formatWeek } from '../../lib/format.ts';

const votesOf = (id: string) =>
  queryOptions({
    queryKey: ['experiments', 'detail', id, 'votes'] as const,
    queryFn: ({ signal }) =>
      api<Votes>(`/api/experiments/${encodeURIComponent(id)}/votes`, { signal }),
  });

const CHOICES = [
  { choice: 'adopt', label: 'Adopt', hint: 'keep it as it is' },
  { choice: 'adapt', label: 'Adapt', hint: 'keep it, changed' },
  { choice: 'abandon', label: 'Abandon', hint: 'stop it' },
] as const;

function statusText(v: Votes): string {
  switch (v.reason) {
    case 'not_ended':
      return `Members vote in ${formatWeek(v.votingWeek)}, the week after the experiment ends.`;
    case 'voting':
      return `Voting is open until the end of ${formatWeek(v.votingWeek)}. The result appears once it has closed, if at least ${v.k} people voted.`;
    case 'fewer_than_k':
      return `Fewer than ${v.k} people voted, so the result is not shown: it could show how one person voted.`;
    case 'cancelled':
      return 'The experiment was cancelled, so there is no vote.';
    default:
      return '';
  }
}

/**
 * The team's own verdict beside the lead's decision (issue 14): members vote anonymously in the
 * week after the experiment; the counts appear once voting has closed, from k voters.
 */
export function VotesSection({ experiment }: { experiment: Experiment }) {
  const queryClient = useQueryClient();
  const votes = useQuery(votesOf(experiment.id));
  const cast = useMutation({
    mutationFn: (choice: string) =>
      api<Votes>(`/api/experiments/${encodeURIComponent(experiment.id)}/votes`, {
        method: 'POST',
        body: { choice },
      }),
    onSuccess: (data) => queryClient.setQueryData(votesOf(experiment.id).queryKey, data),
  });
  return (
    <section aria-labelledby="votes-title" className="section">
      <h2 id="votes-title">The team's vote</h2>
      {votes.isPending ? (
        <Loading label="Loading the vote…" />
      ) : votes.isError ? (
        <ErrorState error={votes.error} onRetry={() => votes.refetch()} />
      ) : votes.data.shown && votes.data.counts ? (
        <>
          <p>
            {formatCount(votes.data.voters ?? 0)} members voted anonymously in{' '}
            {formatWeek(votes.data.votingWeek)}.
          </p>
          <ul className="vote-counts" aria-label="Votes of the team">
            {CHOICES.map((c) => (
              <li key={c.choice}>
                <strong>{c.label}</strong>: {formatCount(votes.data.counts![c.choice])}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>{statusText(votes.data)}</p>
          {votes.data.canVote ? (
            <fieldset className="form-actions vote-choices">
              <legend className="visually-hidden">Your vote</legend>
              {CHOICES.map((c) => (
                <button
                  key={c.choice}
                  type="button"
                  className="button button-secondary"
                  disabled={cast.isPending}
                  onClick={() => cast.mutate(c.choice)}
                >
                  {c.label} <span className="cell-sub">— {c.hint}</span>
                </button>
              ))}
            </fieldset>
          ) : votes.data.votedByMe ? (
            <p className="note">You have voted. Nobody can see what you chose.</p>
          ) : null}
          <FormError error={cast.error} />
        </>
      )}
    </section>
  );
}
