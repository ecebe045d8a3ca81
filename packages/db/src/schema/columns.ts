import { type AnyPgColumn, bigint, integer, text } from 'drizzle-orm/pg-core';

/**
 * A required reference to what the row belongs to (its org, team or person), deleted with it:
 * `orgId: belongsTo(() => orgs.id)`. The column is passed lazily, as Drizzle's own
 * `references`, so tables that refer to each other load in any order.
 */
export const belongsTo = (column: () => AnyPgColumn) =>
  text().notNull().references(column, { onDelete: 'cascade' });

/**
 * The sufficient statistics of a team-week's answers (docs/adr/0004): the rollup of the open week
 * and the frozen copy of a closed one have the same columns.
 */
export const sufficientStatsColumns = () => ({
  n: integer().notNull(),
  sumIndex: bigint({ mode: 'number' }).notNull(),
  sumSqIndex: bigint({ mode: 'number' }).notNull(),
  energySum: integer().notNull(),
  autonomySum: integer().notNull(),
  voiceSum: integer().notNull(),
  growthSum: integer().notNull(),
  trustSum: integer().notNull(),
  promoters: integer().notNull(),
  detractors: integer().notNull(),
});
