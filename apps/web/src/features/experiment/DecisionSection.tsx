import type { Decision, Experiment } from '@leeway/contracts';
import { LEARNINGS_MAX } from '@leeway/contracts/limits';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useUpdateExperiment } from '../../api/experiments.queries.ts';
import { Field } from '../../components/Field.tsx';
import { focusFirstInvalid, serverFieldError } from '../../components/forms.ts';
import { EmptyState, FormError } from '../../components/States.tsx';
import { decisionText } from '../../lib/experiments.ts';
import { formatWeekSpan } from '../../lib/format.ts';

const decisions = Object.keys(decisionText) as Decision[];

function DecisionForm({ experiment }: { experiment: Experiment }) {
  const update = useUpdateExperiment(experiment.id);
  const formRef = useRef<HTMLFormElement>(null);
  const groupId = useId();
  const [decision, setDecision] = useState<Decision | undefined>(experiment.decision ?? undefined);
  const [learnings, setLearnings] = useState(experiment.learnings ?? '');
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!decision) {
      setError('Choose whether to adopt, adapt or abandon it.');
      return focusFirstInvalid(formRef.current);
    }
    setError(undefined);
    update.mutate({ decision, learnings: learnings.trim() });
  };

  const decisionError = error ?? serverFieldError(update.error, 'decision');
  return (
    <form ref={formRef} className="stack" noValidate onSubmit={submit}>
      <FormError
        error={
          serverFieldError(update.error, 'decision') || serverFieldError(update.error, 'learnings')
            ? null
            : update.error
        }
      />
      <fieldset
        className="decision-picker"
        aria-describedby={decisionError ? `${groupId}-error` : undefined}
      >
        <legend>Decision</legend>
        {decisions.map((d, i) => (
          <label className="decision-option" key={d}>
            <input
              type="radio"
              name={`${groupId}-decision`}
              value={d}
              checked={decision === d}
              aria-invalid={decisionError && i === 0 ? true : undefined}
              aria-describedby={`${groupId}-${d}`}
              onChange={() => {
                setDecision(d);
                setError(undefined);
              }}
            />
            <span>
              <strong>{decisionText[d].name}</strong>
              <span id={`${groupId}-${d}`} aria-hidden="true">
                {' '}
                — {decisionText[d].explanation}
              </span>
            </span>
          </label>
        ))}
        {decisionError ? (
          <p className="field-error" id={`${groupId}-error`}>
            {decisionError}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Learnings"
        hint="What worked, what didn't, what you will do next. The team sees this beside the results."
        error={serverFieldError(update.error, 'learnings')}
      >
        {(control) => (
          <textarea
            {...control}
            name="learnings"
            rows={4}
            maxLength={LEARNINGS_MAX}
            value={learnings}
            onChange={(e) => setLearnings(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save decision'}
        </button>
        <p className="form-status" role="status">
          {update.isSuccess ? 'Decision saved. The team sees it with the results.' : ''}
        </p>
      </div>
    </form>
  );
}

function RecordedDecision({ experiment }: { experiment: Experiment }) {
  if (!experiment.decision) {
    return (
      <EmptyState>
        <p>The team's lead has not recorded a decision yet.</p>
      </EmptyState>
    );
  }
  const d = decisionText[experiment.decision];
  return (
    <dl className="facts">
      <div>
        <dt>Decision</dt>
        <dd>
          {d.name} — {d.explanation}
        </dd>
      </div>
      <div>
        <dt>Learnings</dt>
        <dd className="pre-line">{experiment.learnings ?? 'None recorded.'}</dd>
      </div>
    </dl>
  );
}

/** "You said, we did": after the experiment, what the team decided and learned. */
export function DecisionSection({
  experiment,
  canManage,
}: {
  experiment: Experiment;
  canManage: boolean;
}) {
  if (experiment.status === 'cancelled') return null;
  return (
    <section aria-labelledby="decision-title" className="section">
      <h2 id="decision-title">Outcome</h2>
      {experiment.status !== 'completed' ? (
        <EmptyState>
          <p>
            The decision is recorded once the experiment has ended (after{' '}
            {formatWeekSpan(experiment.endWeek, experiment.endWeek)}).
          </p>
        </EmptyState>
      ) : canManage ? (
        <DecisionForm experiment={experiment} />
      ) : (
        <RecordedDecision experiment={experiment} />
      )}
    </section>
  );
}
