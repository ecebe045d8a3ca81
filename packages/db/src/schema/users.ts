import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';

export const users = pgTable(
  'users',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    name: text().notNull(),
    role: text({ enum: ['admin', 'lead', 'member'] }).notNull(),
    passwordHash: text(),
    /** Bumped on role change or deactivation so every older session stops working at once. */
    authVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    deactivatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_org_idx').on(t.orgId),
  ],
);
