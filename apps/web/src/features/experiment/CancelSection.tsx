import type { Experiment } from '@leeway/contracts';
import { useEffect, useRef, useState } from 'react';
import { useUpdateExperiment } from '../../api/experiments.queries.ts';
import { FormError } from '../../components/States.tsx';

/** Cancel a planned or running experiment, after an explicit second step (no browser dialog). */
export function CancelSection({ experiment }: { experiment: Experiment }) {
  const update = useUpdateExperiment(experiment.id);
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) questionRef.current?.focus();
    else if (wasConfirming.current) startRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return (
    <section aria-labelledby="cancel-title" className="section">
      <h2 id="cancel-title">Cancel the experiment</h2>
      <FormError error={update.error} />
      {confirming ? (
        <div className="alert alert-error confirm">
          <p ref={questionRef} tabIndex={-1}>
            Cancel “{experiment.title}”? It will have no impact figures, and this cannot be undone.
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={update.isPending}
              onClick={() => update.mutate({ status: 'cancelled' })}
            >
              {update.isPending ? 'Cancelling…' : 'Yes, cancel the experiment'}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setConfirming(false)}
            >
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <>
          <p className="hint">
            {experiment.status === 'running'
              ? 'Stops the experiment now; it will not be measured.'
              : 'Withdraws the experiment before it starts and frees its weeks.'}
          </p>
          <button
            ref={startRef}
            type="button"
            className="button button-secondary"
            onClick={() => setConfirming(true)}
          >
            Cancel experiment
          </button>
        </>
      )}
    </section>
  );
}
