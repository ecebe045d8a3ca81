import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from './id.ts';

export const orgs = pgTable('orgs', {
  id: text().primaryKey().$defaultFn(newId),
  name: text().notNull(),
  timezone: text().notNull().default('UTC'),
  minGroupSize: integer().notNull().default(5),
  baselineWeeks: integer().notNull().default(2),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});
