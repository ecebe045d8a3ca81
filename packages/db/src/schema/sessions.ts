import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { users } from './users.ts';

/** Server-side session record: a JWT is honoured only while its session row is live. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: belongsTo(() => orgs.id),
    userId: belongsTo(() => users.id),
    authVersion: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
