/**
 * The limits the request schemas enforce, as named constants: the schemas are written with
 * them, and the web's forms import them (`@leeway/contracts/limits`, no TypeBox at run time),
 * so a form never allows what the API refuses.
 */
export { DEFAULT_MIN_GROUP_SIZE, MIN_MIN_GROUP_SIZE } from '@leeway/domain/suppression';

/** The largest k an admin may set. */
export const MAX_MIN_GROUP_SIZE = 100;

export const ORG_NAME_MAX = 120;
export const PERSON_NAME_MAX = 120;
export const TEAM_NAME_MAX = 80;
export const EMAIL_MIN = 3;
export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export const EXPERIMENT_TITLE_MAX = 120;
export const HYPOTHESIS_MAX = 1000;
export const LEARNINGS_MAX = 4000;
export const IDEA_TEXT_MAX = 1000;
/** A pulse answer's optional comment (docs/product.md §2). */
export const COMMENT_MAX = 1000;

/** An experiment runs 1..4 weeks, compared with 1..4 weeks before it. */
export const DURATION_WEEKS_MIN = 1;
export const DURATION_WEEKS_MAX = 4;
export const DURATION_WEEKS_DEFAULT = 1;
export const BASELINE_WEEKS_MIN = 1;
export const BASELINE_WEEKS_MAX = 4;

/** People in one CSV import. */
export const IMPORT_ROWS_MAX = 1000;
