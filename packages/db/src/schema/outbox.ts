import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';

export const MESSAGE_KINDS = [
  'invitation',
  'team_added',
  'pulse_open',
  'pulse_reminder',
  'results_ready',
  'experiment_ending',
  'no_experiment',
  'digest',
  'password_reset',
] as const;

/**
 * Every message the API sends, and its delivery state: the outbox is also the job queue
 * (docs/adr/0008-messaging-scheduler.md). `dedupeKey` names the message once — (kind, recipient,
 * week or object) — so two instances, a retry or a restart can never write it twice; a worker
 * claims a row by leasing it (`lockedUntil`), and only the holder of that attempt records the
 * result. Without SMTP_URL e-mails are only kept (`kept`), and admins read them.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: belongsTo(() => orgs.id),
    kind: text({ enum: MESSAGE_KINDS }).notNull(),
    /** Where it goes: an e-mail address, or a team's chat channel (URL kept in team_webhooks). */
    channel: text({ enum: ['email', 'slack', 'teams'] })
      .notNull()
      .default('email'),
    dedupeKey: text(),
    toEmail: text().notNull(),
    toName: text().notNull(),
    /** The account it is for, when it is for one (preferences, unsubscribe). */
    userId: text(),
    /** The team of a chat message. */
    teamId: text(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text(),
    /** Why it was sent, in words an admin understands. */
    reason: text().notNull().default(''),
    status: text({
      enum: ['kept', 'pending', 'sending', 'sent', 'failed', 'suppressed'],
    }).notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** Orders messages written at the same instant (the clock can stand still). */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
  },
  (t) => [
    index('outbox_messages_org_idx').on(t.orgId, t.createdAt, t.seq),
    uniqueIndex('outbox_messages_dedupe_key').on(t.dedupeKey),
    index('outbox_messages_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
  ],
);
