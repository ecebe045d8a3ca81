import type { ChangePasswordBody, UpdateProfileBody } from '@leeway/contracts';
import { schema } from '@leeway/db';
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { me } from '../auth/service.ts';

export async function updateProfile(ctx: Ctx, input: UpdateProfileBody) {
  const name = input.name.trim();
  if (name === '') throw invalid('name', 'must not be blank');
  await ctx.db.update(schema.users).set({ name }).where(eq(schema.users.id, ctx.caller.userId));
  return me({ ...ctx, caller: { ...ctx.caller, name } });
}

/**
 * A new password, given the current one. Every session of the account ends (the caller gets a
 * new one), so a stolen session does not outlive the change.
 */
export async function changePassword(ctx: Ctx, input: ChangePasswordBody) {
  const [user] = await ctx.db
    .select({ passwordHash: schema.users.passwordHash })
    .from(schema.users)
    .where(eq(schema.users.id, ctx.caller.userId));
  if (!(await verifyPassword(user?.passwordHash ?? null, input.currentPassword))) {
    throw invalid('currentPassword', 'is not correct');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db
    .update(schema.users)
    .set({ passwordHash, authVersion: sql`${schema.users.authVersion} + 1` })
    .where(eq(schema.users.id, ctx.caller.userId));
  const { caller } = ctx;
  return { id: caller.userId, name: caller.name, email: caller.email, role: caller.role };
}
