import type { WeekAggregate } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { teamComments } from '../../api/trends.queries.ts';
import { Field } from '../../components/Field.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { formatWeek } from '../../lib/format.ts';
import { hiddenText } from '../../lib/hidden.ts';

interface CommentsPanelProps {
  teamId: string;
  /** The closed weeks offered in the picker, oldest first (from the trends already on the page). */
  weeks: WeekAggregate[];
  /** The chosen week, or `undefined` for the last closed week. */
  week: string | undefined;
  onWeekChange: (week: string | undefined) => void;
}

/**
 * The comments of one closed week, the last one unless another is picked. The week in progress is
 * not offered: nothing of it is shown until it closes.
 */
export function CommentsPanel({ teamId, weeks, week, onWeekChange }: CommentsPanelProps) {
  const options = weeks.map((w) => w.week).reverse();
  const lastClosed = options[0];
  // A week from the address that is not a closed week of the period falls back to the default.
  const chosen = week && week !== lastClosed && options.includes(week) ? week : undefined;
  const comments = useQuery(teamComments(teamId, chosen));

  return (
    <section aria-labelledby="comments-title" className="section">
      <div className="section-head">
        <h2 id="comments-title">Comments</h2>
        {options.length > 0 ? (
          <Field label="Week" className="field-inline">
            {(control) => (
              <select
                {...control}
                value={chosen ?? lastClosed}
                onChange={(e) =>
                  onWeekChange(e.target.value === lastClosed ? undefined : e.target.value)
                }
              >
                {options.map((w) => (
                  <option key={w} value={w}>
                    {formatWeek(w)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </div>
      <p className="hint">
        From weeks that have closed, shown in random order, without names, times or other answers.
      </p>
      {comments.isPending ? (
        <Loading label="Loading comments…" />
      ) : comments.isError ? (
        <ErrorState error={comments.error} onRetry={() => comments.refetch()} />
      ) : comments.data.suppressed ? (
        <EmptyState>
          <p>
            No comments are shown for {formatWeek(comments.data.week)}:{' '}
            {hiddenText(comments.data.reason ?? 'fewer_than_k', comments.data.k)}.
          </p>
        </EmptyState>
      ) : comments.data.comments.length === 0 ? (
        <EmptyState>
          <p>No comments in {formatWeek(comments.data.week)}.</p>
        </EmptyState>
      ) : (
        <ul className="comments" aria-label={`Comments, ${formatWeek(comments.data.week)}`}>
          {comments.data.comments.map((text, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: comments carry no ids by design, and the list is only ever replaced whole
            <li key={i}>{text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
