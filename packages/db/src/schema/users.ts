import { ROLES } from '@leeway/domain/vocabulary';
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';

export const users = pgTable(
  'users',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: belongsTo(() => orgs.id),
    email: text().notNull(),
    name: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    passwordHash: text(),
    /** Bumped on role change or deactivation so every older session stops working at once. */
    authVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    deactivatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // One account per address within an org; the same address may have accounts in other orgs,
    // and nothing about those is revealed (sign-up, invitations).
    uniqueIndex('users_org_email_unique').on(t.orgId, sql`lower(${t.email})`),
    // Sign-in looks an address up across orgs.
    index('users_email_idx').on(sql`lower(${t.email})`),
    index('users_org_idx').on(t.orgId),
  ],
);
