import { type Executor, schema } from '@leeway/db';
import { and, eq, gt, isNull } from 'drizzle-orm';

const r = schema.passwordResets;

/** A reset waiting for its e-mail; the token is made when that is sent (setTokenHash). */
export async function insertReset(
  db: Executor,
  values: { userId: string; createdAt: Date; expiresAt: Date },
): Promise<string> {
  const [reset] = await db.insert(r).values(values).returning({ id: r.id });
  return reset!.id;
}

/**
 * Gives an unused reset a new token (only its hash is stored); returns when it expires, or
 * undefined when it is used or unknown.
 */
export async function setTokenHash(db: Executor, resetId: string, tokenHash: string) {
  const [updated] = await db
    .update(r)
    .set({ tokenHash })
    .where(and(eq(r.id, resetId), isNull(r.usedAt)))
    .returning({ expiresAt: r.expiresAt });
  return updated;
}

/** Uses the unused, unexpired reset with this token hash; returns whose it is, or undefined. */
export async function useReset(db: Executor, tokenHash: string, now: Date) {
  const [used] = await db
    .update(r)
    .set({ usedAt: now })
    .where(and(eq(r.tokenHash, tokenHash), isNull(r.usedAt), gt(r.expiresAt, now)))
    .returning({ userId: r.userId });
  return used;
}

/** Every other unused reset of the account stops working. */
export async function useAllResetsOf(db: Executor, userId: string, now: Date) {
  await db
    .update(r)
    .set({ usedAt: now })
    .where(and(eq(r.userId, userId), isNull(r.usedAt)));
}
