import type { LoginBody, Me, SignupBody } from '@leeway/contracts';
import { isValidTimeZone } from '@leeway/domain/weeks';
import type { Ctx, PublicCtx } from '../../lib/context.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { recordAudit } from '../audit/repository.ts';
import * as teamsRepo from '../teams/repository.ts';
import * as repo from './repository.ts';

const publicUser = (u: {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'lead' | 'member';
}) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
});

/**
 * A new org and its first admin. An address may already have accounts in other orgs: that is
 * neither refused nor revealed, and each account signs in with its own password.
 */
export async function signUp(ctx: PublicCtx, input: SignupBody) {
  const timezone = input.timezone ?? 'UTC';
  if (!isValidTimeZone(timezone))
    throw invalid('timezone', 'must be an IANA time zone such as Europe/Berlin');
  const email = input.email.trim();
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const org = await repo.insertOrg(tx, {
      name: input.orgName.trim(),
      timezone,
      createdAt: now,
    });
    const user = await repo.insertUser(tx, {
      orgId: org.id,
      email,
      name: input.name.trim(),
      role: 'admin',
      passwordHash,
      createdAt: now,
    });
    await recordAudit(tx, [
      {
        orgId: org.id,
        actorId: user.id,
        action: 'org.created',
        subjectUserId: user.id,
        detail: { role: 'admin' },
        at: now,
      },
    ]);
    return publicUser(user);
  });
}

/**
 * Checks the password against every active account with this address (in any org) and signs in
 * the newest one it opens. With no account at all a dummy hash is checked, so an unknown address
 * costs about as long as a known one.
 */
export async function logIn(ctx: PublicCtx, input: LoginBody) {
  const accounts = await repo.findUsersByEmail(ctx.db, input.email.trim());
  const usable = accounts.map((u) => (u.deactivatedAt === null ? u.passwordHash : null));
  const opens = await Promise.all(
    (usable.length > 0 ? usable : [null]).map((hash) => verifyPassword(hash, input.password)),
  );
  const user = accounts.find((_, i) => opens[i]);
  if (!user) throw new AppError('unauthenticated', 'E-mail or password is incorrect.');
  return publicUser(user);
}

export async function logOut(ctx: PublicCtx, sessionId: string) {
  await repo.revokeSession(ctx.db, sessionId, ctx.clock.now());
}

export async function me(ctx: Ctx): Promise<Me> {
  const { caller } = ctx;
  const visibleIds = [...caller.leadTeamIds, ...(caller.memberTeamId ? [caller.memberTeamId] : [])];
  const teams = await teamsRepo.teamRefs(
    ctx.db,
    caller.orgId,
    caller.role === 'admin' ? undefined : visibleIds,
  );
  const byId = new Map(teams.map((t) => [t.id, t]));
  return {
    user: { id: caller.userId, name: caller.name, email: caller.email, role: caller.role },
    org: { id: caller.org.id, name: caller.org.name, timezone: caller.org.timezone },
    teams,
    memberOf: caller.memberTeamId ? (byId.get(caller.memberTeamId) ?? null) : null,
    leads: caller.leadTeamIds.map((id) => byId.get(id)).filter((t) => t !== undefined),
    minGroupSize: caller.org.minGroupSize,
    baselineWeeks: caller.org.baselineWeeks,
  };
}
