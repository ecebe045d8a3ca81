import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';

/**
 * Messages the API would send by e-mail. Without an SMTP server they are only kept here, and
 * admins read them (GET /api/outbox); this is the one place an invitation link is shown.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['invitation'] }).notNull(),
    toEmail: text().notNull(),
    toName: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    status: text({ enum: ['kept', 'sent', 'failed'] }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** Orders messages written at the same instant (the clock can stand still). */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
  },
  (t) => [index('outbox_messages_org_idx').on(t.orgId, t.createdAt, t.seq)],
);
