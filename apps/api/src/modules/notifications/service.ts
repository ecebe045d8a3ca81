import type {
  NotificationKind,
  NotificationPreferences,
  Unsubscribed,
  UpdateNotificationPreferencesBody,
} from '@leeway/contracts';
import type { Ctx, PublicCtx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { describeKind, SWITCHABLE_KINDS, unsubscribable } from './kinds.ts';
import * as repo from './repository.ts';
import { readUnsubscribeToken } from './tokens.ts';

export async function preferences(ctx: Ctx): Promise<NotificationPreferences> {
  const off = new Set(await repo.optOutsOf(ctx.db, ctx.caller.orgId, ctx.caller.email));
  return Object.fromEntries(
    SWITCHABLE_KINDS.map((kind) => [kind, !off.has(kind)]),
  ) as NotificationPreferences;
}

export async function updatePreferences(
  ctx: Ctx,
  input: UpdateNotificationPreferencesBody,
): Promise<NotificationPreferences> {
  const entries = Object.entries(input) as [NotificationKind, boolean][];
  const { orgId, email } = ctx.caller;
  await inTransaction(ctx.db, async (tx) => {
    await repo.optOut(
      tx,
      orgId,
      email,
      entries.filter(([, on]) => !on).map(([kind]) => kind),
      ctx.clock.now(),
    );
    await repo.optIn(
      tx,
      orgId,
      email,
      entries.filter(([, on]) => on).map(([kind]) => kind),
    );
  });
  return preferences(ctx);
}

function claimOf(ctx: PublicCtx, token: string) {
  const claim = readUnsubscribeToken(ctx.config, token);
  if (!claim || !unsubscribable(claim.kind as never)) {
    throw new AppError('bad_request', 'This unsubscribe link is not valid.');
  }
  return claim;
}

/** What a link would switch off, without switching it (mail scanners open links). */
export function describeUnsubscribe(ctx: PublicCtx, token: string): Unsubscribed {
  const claim = claimOf(ctx, token);
  return { kind: claim.kind, description: describeKind(claim.kind), email: claim.email };
}

/** One-click unsubscribe (RFC 8058): works signed out; the signed token is the authority. */
export async function unsubscribe(ctx: PublicCtx, token: string): Promise<Unsubscribed> {
  const claim = claimOf(ctx, token);
  await repo.optOut(ctx.db, claim.orgId, claim.email, [claim.kind], ctx.clock.now());
  return { kind: claim.kind, description: describeKind(claim.kind), email: claim.email };
}
