/**
 * The one guard against spreadsheet formula injection, for every CSV Leeway writes (the API's
 * export, the web's invitation links: `@leeway/contracts/csv`). A text cell that begins with
 * = + - @, a tab or a carriage return is prefixed with a single quote, so a spreadsheet shows it
 * as text; a number is written as a number (a negative number is no formula).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e-?\d+)?$/i;

export function safeCsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}
