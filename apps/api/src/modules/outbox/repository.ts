import { type Executor, schema } from '@leeway/db';
import { and, desc, eq, inArray, lte, ne, or, sql } from 'drizzle-orm';

export type MessageRow = typeof schema.outboxMessages.$inferSelect;
export type NewMessage = Omit<typeof schema.outboxMessages.$inferInsert, 'id' | 'seq'>;

/** Inserts messages whose key is new; a key already written (another instance, a retry) is skipped. */
export async function insertMessages(db: Executor, values: NewMessage[]): Promise<number> {
  if (values.length === 0) return 0;
  const inserted = await db
    .insert(schema.outboxMessages)
    .values(values)
    .onConflictDoNothing({ target: schema.outboxMessages.dedupeKey })
    .returning({ id: schema.outboxMessages.id });
  return inserted.length;
}

export async function listMessages(db: Executor, orgId: string, limit: number) {
  return db
    .select()
    .from(schema.outboxMessages)
    .where(
      and(
        eq(schema.outboxMessages.orgId, orgId),
        // Who was reminded is who had not answered: nobody else's business, admins included.
        ne(schema.outboxMessages.kind, 'pulse_reminder'),
      ),
    )
    .orderBy(desc(schema.outboxMessages.createdAt), desc(schema.outboxMessages.seq))
    .limit(limit);
}

/**
 * Leases up to `limit` due messages to this worker until `leaseUntil`: pending ones whose time
 * has come, and ones left `sending` by a worker whose lease ran out (it crashed mid-send). Rows
 * another worker is claiming right now are skipped, so no two workers hold the same message.
 * Run it in the caller's transaction: the rows stay locked from the select to the update.
 */
export async function claimDue(
  tx: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<MessageRow[]> {
  const m = schema.outboxMessages;
  const due = await tx
    .select({ id: m.id })
    .from(m)
    .where(
      and(
        inArray(m.status, ['pending', 'sending']),
        lte(m.nextAttemptAt, now),
        or(sql`${m.lockedUntil} is null`, lte(m.lockedUntil, now)),
      ),
    )
    // What a person is waiting for right now (an invitation, a reset) goes before the weekly mail.
    .orderBy(
      sql`case when ${m.kind} in ('password_reset', 'invitation', 'team_added') then 0 else 1 end`,
      m.nextAttemptAt,
      m.seq,
    )
    .limit(limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) return [];
  return tx
    .update(m)
    .set({ status: 'sending', lockedUntil: leaseUntil, attempts: sql`${m.attempts} + 1` })
    .where(
      inArray(
        m.id,
        due.map((d) => d.id),
      ),
    )
    .returning();
}

/**
 * Records the outcome of one attempt, only if this worker still holds it (same attempt number,
 * still `sending`): a worker whose lease ran out cannot overwrite what its successor did.
 */
export async function recordAttempt(
  db: Executor,
  claimed: { id: string; attempts: number },
  outcome: Partial<
    Pick<MessageRow, 'status' | 'sentAt' | 'lastError' | 'nextAttemptAt' | 'textBody' | 'htmlBody'>
  >,
): Promise<boolean> {
  const m = schema.outboxMessages;
  const updated = await db
    .update(m)
    .set({ ...outcome, lockedUntil: null })
    .where(and(eq(m.id, claimed.id), eq(m.attempts, claimed.attempts), eq(m.status, 'sending')))
    .returning({ id: m.id });
  return updated.length === 1;
}

export async function findMessage(db: Executor, id: string) {
  const [row] = await db
    .select()
    .from(schema.outboxMessages)
    .where(eq(schema.outboxMessages.id, id));
  return row;
}

/** Marks the message with this key as failed after one attempt (the demo's bounced invitation). */
export async function markFailed(db: Executor, dedupeKey: string, lastError: string) {
  const m = schema.outboxMessages;
  await db
    .update(m)
    .set({ status: 'failed', attempts: 1, lastError })
    .where(eq(m.dedupeKey, dedupeKey));
}

/** The org's messages that are only kept (no SMTP_URL when they were written). */
export async function keptMessages(db: Executor, orgId: string) {
  const m = schema.outboxMessages;
  return db
    .select({ id: m.id, createdAt: m.createdAt })
    .from(m)
    .where(and(eq(m.orgId, orgId), eq(m.status, 'kept')));
}

export async function markSent(db: Executor, id: string, sentAt: Date) {
  const m = schema.outboxMessages;
  await db
    .update(m)
    .set({ status: 'sent', attempts: 1, sentAt })
    .where(inArray(m.id, [id]));
}
