import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { orgs } from './orgs.ts';

/**
 * Messages someone switched off (their preferences or a one-click unsubscribe). Keyed by the
 * address within an org, so it also covers invitations to people who have no account yet.
 */
export const notificationOptOuts = pgTable(
  'notification_opt_outs',
  {
    orgId: belongsTo(() => orgs.id),
    /** Lower-cased. */
    email: text().notNull(),
    kind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.email, t.kind] })],
);
