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

/**
 * A text longer than the contract allows is refused with a message, never cut: what was typed or
 * pasted stays, so nothing is lost without a word.
 */
export function lengthProblem(value: string, max: number, what: string): string | undefined {
  const length = value.trim().length;
  return length > max
    ? `${what} can be at most ${max} characters; it has ${length}. Shorten it to save.`
    : undefined;
}

/**
 * A whole number typed into a field, or why it is not one, in words (an empty field is not 0):
 * `{value}` or `{problem}`.
 */
export function wholeNumberIn(
  text: string,
  min: number,
  max: number,
): { value: number; problem?: undefined } | { value?: undefined; problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'Enter a number.' };
  if (!/^-?\d+$/.test(trimmed)) return { problem: 'Enter a whole number, such as 5.' };
  const value = Number(trimmed);
  if (value < min) return { problem: `Enter ${min} or more.` };
  if (value > max) return { problem: `Enter ${max} or less.` };
  return { value };
}
