import { type ReactNode, useEffect, useRef } from 'react';

/**
 * An action asked for, not yet done: what will happen, in words, with a button to go ahead and
 * one to step back. In the page, not a browser dialog; the go-ahead button takes the focus so
 * Enter confirms and Tab reaches Cancel.
 */
export function ConfirmPanel({
  children,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <fieldset className="confirm">
      <legend className="visually-hidden">Please confirm</legend>
      <div className="confirm-text">{children}</div>
      <div className="form-actions">
        <button
          ref={confirmRef}
          type="button"
          className={danger ? 'button button-danger' : 'button'}
          disabled={busy}
          onClick={onConfirm}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
