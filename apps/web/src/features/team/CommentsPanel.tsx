import type { WeekAggregate } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { teamComments } from '../../api/trends.queries.ts';
import { Field } from '../../components/Field.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { formatCount, formatWeek } from '../../lib/format.ts';

interface CommentsPanelProps {
  teamId: string;
  /** Weeks offered in the picker, oldest first (from the trends already on the page). */
  weeks: WeekAggregate[];
  /** The chosen week, or `undefined` for this week. */
  week: string | undefined;
  onWeekChange: (week: string | undefined) => void;
}

export function CommentsPanel({ teamId, weeks, week, onWeekChange }: CommentsPanelProps) {
  const comments = useQuery(teamComments(teamId, week));
  const options = [...weeks].reverse();

  return (
    <section aria-labelledby="comments-title" className="section">
      <div className="section-head">
        <h2 id="comments-title">Comments</h2>
        {options.length > 0 ? (
          <Field label="Week" className="field-inline">
            {(control) => (
              <select
                {...control}
                value={week ?? ''}
                onChange={(e) => onWeekChange(e.target.value || undefined)}
              >
                <option value="">This week</option>
                {options.map((w) => (
                  <option key={w.week} value={w.week}>
                    {formatWeek(w.week)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </div>
      <p className="hint">Shown in random order, without names, times or other answers.</p>
      {comments.isPending ? (
        <Loading label="Loading comments…" />
      ) : comments.isError ? (
        <ErrorState error={comments.error} onRetry={() => comments.refetch()} />
      ) : comments.data.suppressed ? (
        <EmptyState>
          <p>
            Comments appear once at least {comments.data.k} people answered.{' '}
            {formatWeek(comments.data.week)} has {formatCount(comments.data.respondents)}{' '}
            {comments.data.respondents === 1 ? 'answer' : 'answers'} so far.
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
