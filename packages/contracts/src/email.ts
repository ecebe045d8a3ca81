/**
 * The one rule for an e-mail address: the API's `Email` schema checks it (as a JSON Schema
 * `pattern`), the CSV import checks each row with `isEmail`, and the web's forms use the same
 * (`@leeway/contracts/email`). It accepts what Ajv's `format: 'email'` (ajv-formats, full mode)
 * accepts, written without the `i` flag so that it is a valid schema pattern.
 */
import { EMAIL_MAX, EMAIL_MIN } from './limits.ts';

const LOCAL = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';

export const EMAIL_PATTERN = `^${LOCAL}@(?:${LABEL}\\.)+${LABEL}$`;

const EMAIL = new RegExp(EMAIL_PATTERN, 'u');

export const isEmail = (value: string): boolean =>
  value.length >= EMAIL_MIN && value.length <= EMAIL_MAX && EMAIL.test(value);
