import { type ReactNode, useId } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  /**
   * A text with the contract's length limit: a counter under the control. Nothing is cut:
   * a longer text stays as typed or pasted, and the form refuses it (`lengthProblem`).
   */
  limit?: { value: string; max: number };
  /** Renders the control with the id and ARIA wiring the label, hint and error need. */
  children: (control: ControlProps) => ReactNode;
}

/** A label, an optional hint, the control, and the error for it — wired together for screen readers. */
export function Field({ label, error, hint, className, limit, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const counterId = limit ? `${id}-count` : undefined;
  const describedBy = [hintId, errorId, counterId].filter(Boolean).join(' ') || undefined;
  const over = limit ? limit.value.length - limit.max : 0;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {limit ? (
        <p className={over > 0 ? 'counter counter-over' : 'counter'} id={counterId}>
          {limit.value.length} / {limit.max} characters
          {over > 0 ? ` — ${over} too many` : ''}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
