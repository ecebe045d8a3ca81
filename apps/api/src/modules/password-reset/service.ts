import { createHash } from 'node:crypto';
import type { PasswordResetConfirmBody } from '@leeway/contracts';
import type { PublicCtx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransaction } from '../../lib/transaction.ts';
import * as authRepo from '../auth/repository.ts';
import { passwordResetMessage } from '../mail/messages.ts';
import { enqueue } from '../outbox/service.ts';
import * as settingsRepo from '../settings/repository.ts';
import * as repo from './repository.ts';

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
  const orgs = await settingsRepo.orgNames(
    ctx.db,
    accounts.map((a) => a.orgId),
  );
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return inTransaction(ctx.db, async (tx) => {
    const messages = [];
    for (const user of accounts) {
      const resetId = await repo.insertReset(tx, {
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_TTL_MS),
      });
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
          { resetId },
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
  return inTransaction(ctx.db, async (tx) => {
    const used = await repo.useReset(tx, hashToken(input.token), now);
    if (!used) {
      throw new AppError(
        'gone',
        'This reset link has expired or was already used. Ask for a new one.',
      );
    }
    await repo.useAllResetsOf(tx, used.userId, now);
    const user = await authRepo.setPasswordIfActive(tx, used.userId, passwordHash);
    if (!user) throw new AppError('gone', 'This account is no longer active.');
    return { id: user.id, name: user.name, email: user.email, role: user.role };
  });
}
