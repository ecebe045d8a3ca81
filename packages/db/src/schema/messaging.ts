import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

/**
 * Messages someone switched off (their preferences or a one-click unsubscribe). Keyed by the
 * address within an org, so it also covers invitations to people who have no account yet.
 */
export const notificationOptOuts = pgTable(
  'notification_opt_outs',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    /** Lower-cased. */
    email: text().notNull(),
    kind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.email, t.kind] })],
);

/** A team's chat channel: a Slack or Microsoft Teams incoming webhook. */
export const teamWebhooks = pgTable('team_webhooks', {
  teamId: text()
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  orgId: text()
    .notNull()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  service: text({ enum: ['slack', 'teams'] }).notNull(),
  url: text().notNull(),
  createdBy: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * A request to reset a password. The token is made when the e-mail is sent and only its hash is
 * kept; it works once, within 30 minutes of the request.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: text().primaryKey().$defaultFn(newId),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('password_resets_token_idx').on(t.tokenHash)],
);
