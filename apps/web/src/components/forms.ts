import { PASSWORD_MIN } from '@leeway/contracts/limits';
import { ApiError } from '../api/client.ts';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** The server's message for one input, when the failure was a validation problem naming it. */
export function serverFieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}

/** After a failed check, take the keyboard user to the first input that needs attention. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

export function passwordProblem(password: string): string | undefined {
  if (!password) return 'Enter a password.';
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  return undefined;
}

/** `from`, `from + 1`, … `to`: the options of a select between two of the API's limits. */
export const wholeNumbers = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
