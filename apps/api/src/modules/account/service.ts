import type { ChangePasswordBody, UpdateProfileBody } from '@leeway/contracts';
import type { Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import * as authRepo from '../auth/repository.ts';
import { me } from '../auth/service.ts';
import * as peopleRepo from '../people/repository.ts';

export async function updateProfile(ctx: Ctx, input: UpdateProfileBody) {
  const name = input.name.trim();
  if (name === '') throw invalid('name', 'must not be blank');
  await peopleRepo.setName(ctx.db, ctx.caller.userId, name);
  return me({ ...ctx, caller: { ...ctx.caller, name } });
}

/**
 * A new password, given the current one. Every session of the account ends (the caller gets a
 * new one), so a stolen session does not outlive the change.
 */
export async function changePassword(ctx: Ctx, input: ChangePasswordBody) {
  const user = await peopleRepo.findUser(ctx.db, ctx.caller.userId);
  if (!(await verifyPassword(user?.passwordHash ?? null, input.currentPassword))) {
    throw invalid('currentPassword', 'is not correct');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await authRepo.setPassword(ctx.db, ctx.caller.userId, passwordHash);
  const { caller } = ctx;
  return { id: caller.userId, name: caller.name, email: caller.email, role: caller.role };
}
