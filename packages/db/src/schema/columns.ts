import { type AnyPgColumn, text } from 'drizzle-orm/pg-core';

/**
 * A required reference to what the row belongs to (its org, team or person), deleted with it:
 * `orgId: belongsTo(() => orgs.id)`. The column is passed lazily, as Drizzle's own
 * `references`, so tables that refer to each other load in any order.
 */
export const belongsTo = (column: () => AnyPgColumn) =>
  text().notNull().references(column, { onDelete: 'cascade' });
