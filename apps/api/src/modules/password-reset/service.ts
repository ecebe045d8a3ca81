import { createHash } from 'node:crypto';
import type { PasswordResetConfirmBody } from '@leeway/contracts';
import { schema } from '@leeway/db';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { PublicCtx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransaction } from '../../lib/transaction.ts';
import * as authRepo from '../auth/repository.ts';
import { passwordResetMessage } from '../mail/messages.ts';
import { enqueue } from '../outbox/service.ts';

export const RESET_TTL_MS = 30 * 60_000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Someone forgot their password. Every active account with this address (one per org) gets a
 * reset e-mail; the answer is the same whether or not there is one. The token is made when the
 * e-mail is sent (modules/scheduler/delivery.ts) and only its hash is stored.
 */
export async function requestReset(ctx: PublicCtx, email: string): Promise<number> {
  const accounts = (await authRepo.findUsersByEmail(ctx.db, email.trim())).filter(
    (u) => u.deactivatedAt === null,
  );
  if (accounts.length === 0) return 0;
  const now = ctx.clock.now();
  const orgs = await ctx.db
    .select({ id: schema.orgs.id, name: schema.orgs.name })
    .from(schema.orgs)
    .where(sql`${schema.orgs.id} in ${accounts.map((a) => a.orgId)}`);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return inTransaction(ctx.db, async (tx) => {
    const messages = [];
    for (const user of accounts) {
      const [reset] = await tx
        .insert(schema.passwordResets)
        .values({
          userId: user.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + RESET_TTL_MS),
        })
        .returning({ id: schema.passwordResets.id });
      messages.push(
        passwordResetMessage(
          ctx.config,
          {
            orgId: user.orgId,
            orgName: orgName.get(user.orgId) ?? '',
            email: user.email,
            name: user.name,
            userId: user.id,
          },
          { resetId: reset!.id },
        ),
      );
    }
    return enqueue(tx, ctx.config, messages, now);
  });
}

/**
 * Sets a new password with a reset link's token: once, within 30 minutes. Every session of the
 * account ends (its auth version moves) and every other reset link of it stops working.
 */
export async function confirmReset(ctx: PublicCtx, input: PasswordResetConfirmBody) {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const r = schema.passwordResets;
  return inTransaction(ctx.db, async (tx) => {
    const [used] = await tx
      .update(r)
      .set({ usedAt: now })
      .where(and(eq(r.tokenHash, hashToken(input.token)), isNull(r.usedAt), gt(r.expiresAt, now)))
      .returning({ userId: r.userId });
    if (!used) {
      throw new AppError(
        'gone',
        'This reset link has expired or was already used. Ask for a new one.',
      );
    }
    await tx
      .update(r)
      .set({ usedAt: now })
      .where(and(eq(r.userId, used.userId), isNull(r.usedAt)));
    const [user] = await tx
      .update(schema.users)
      .set({ passwordHash, authVersion: sql`${schema.users.authVersion} + 1` })
      .where(and(eq(schema.users.id, used.userId), isNull(schema.users.deactivatedAt)))
      .returning();
    if (!user) throw new AppError('gone', 'This account is no longer active.');
    return { id: user.id, name: user.name, email: user.email, role: user.role };
  });
}
