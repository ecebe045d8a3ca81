import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { newId } from './id.ts';
import { users } from './users.ts';

/**
 * A request to reset a password. The token is made when the e-mail is sent and only its hash is
 * kept; it works once, within 30 minutes of the request.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: text().primaryKey().$defaultFn(newId),
    userId: belongsTo(() => users.id),
    tokenHash: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('password_resets_token_idx').on(t.tokenHash)],
);
