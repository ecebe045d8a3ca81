/**
 * The product's closed lists of words (docs/product.md): the database schema and the API
 * contracts both build their enums from these, so a new value is added in one place.
 */

/** docs/product.md §1. */
export const ROLES = ['admin', 'lead', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** docs/product.md §5: the kinds of ownership experiment. */
export const EXPERIMENT_TYPES = [
  'decision_rights',
  'self_set_deadlines',
  'flexible_schedule',
  'skill_development',
  'planning_voice',
  'passion_project',
  'custom',
] as const;
export type ExperimentType = (typeof EXPERIMENT_TYPES)[number];

export const EXPERIMENT_STATUSES = ['planned', 'running', 'completed', 'cancelled'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** What a lead decided once an experiment completed. */
export const DECISIONS = ['adopt', 'adapt', 'abandon'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The stored decision of a closed team-week (docs/product.md §4). */
export const WEEK_STATES = ['published', 'fewer_than_k', 'protecting', 'no_data'] as const;
export type WeekState = (typeof WEEK_STATES)[number];

/** The states of a hidden team-week: every state but `published`. */
export const HIDDEN_REASONS = [
  'fewer_than_k',
  'protecting',
  'no_data',
] as const satisfies readonly WeekState[];
export type HiddenReason = (typeof HIDDEN_REASONS)[number];

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
