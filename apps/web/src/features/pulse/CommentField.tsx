import { COMMENT_MAX } from '@leeway/contracts/limits';
import { useEffect, useId, useState } from 'react';

/** Optional comment with a visible counter; screen readers hear the count once typing pauses. */
export function CommentField({
  label,
  k,
  value,
  onChange,
}: {
  label: string;
  k: number;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const left = COMMENT_MAX - value.length;
  const [announced, setAnnounced] = useState('');

  useEffect(() => {
    if (value.length === 0) return;
    const timer = window.setTimeout(() => setAnnounced(`${left} characters left`), 1200);
    return () => window.clearTimeout(timer);
  }, [value, left]);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        Optional. Comments are shown to your lead only when at least {k} people answered, without
        your name or your other answers.
      </p>
      <textarea
        id={id}
        name="comment"
        rows={4}
        maxLength={COMMENT_MAX}
        aria-describedby={`${id}-hint ${id}-count`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className={left <= 50 ? 'counter counter-low' : 'counter'} id={`${id}-count`}>
        {value.length} / {COMMENT_MAX} characters
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </div>
  );
}
