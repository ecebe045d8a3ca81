import type { OrgSettings, UpdateOrgSettingsBody } from '@leeway/contracts';
import type { Executor } from '@leeway/db';
import { changeZone, isValidTimeZone } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { recordAudit } from '../audit/repository.ts';
import * as publication from '../publication/service.ts';
import * as repo from './repository.ts';

export async function getSettings(ctx: Ctx): Promise<OrgSettings> {
  const org = await repo.findOrg(ctx.db, ctx.caller.orgId);
  if (!org) throw notFound('Organisation');
  return {
    minGroupSize: org.minGroupSize,
    timezone: org.timezone,
    baselineWeeks: org.baselineWeeks,
    pulseOpensAt: org.pulseOpensAt,
    reminderDay: org.reminderDay,
    reminderAt: org.reminderAt,
  };
}

export async function updateSettings(ctx: Ctx, input: UpdateOrgSettingsBody): Promise<OrgSettings> {
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
    throw invalid('timezone', 'must be an IANA time zone such as Europe/Berlin');
  }
  // Weeks that ended before this change close under the k they ended with (docs/product.md §4:
  // a lowered k applies only to weeks that close afterwards).
  if (input.minGroupSize !== undefined) await publication.ensurePublished(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const before = await repo.lockOrg(tx, ctx.caller.orgId);
    await repo.updateOrg(tx, ctx.caller.orgId, {
      ...(input.minGroupSize !== undefined ? { minGroupSize: input.minGroupSize } : {}),
      // The week in progress keeps its zone; the new one applies from the next week on.
      ...(input.timezone !== undefined && before
        ? changeZone(before, input.timezone, ctx.clock.now())
        : {}),
      ...(input.baselineWeeks !== undefined ? { baselineWeeks: input.baselineWeeks } : {}),
      // Message times are local to the org's zone (modules/scheduler): a new time applies to
      // messages not yet sent.
      ...(input.pulseOpensAt !== undefined ? { pulseOpensAt: input.pulseOpensAt } : {}),
      ...(input.reminderDay !== undefined ? { reminderDay: input.reminderDay } : {}),
      ...(input.reminderAt !== undefined ? { reminderAt: input.reminderAt } : {}),
    });
    await recordSettingsChange(ctx, tx, before, input);
  });
  return getSettings(ctx);
}

/** One audit event naming each setting that changed, old → new. */
async function recordSettingsChange(
  ctx: Ctx,
  tx: Executor,
  before: Record<string, unknown> | undefined,
  input: UpdateOrgSettingsBody,
) {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(input)) {
    const from = before?.[field];
    if (to !== undefined && to !== from) changed[field] = { from: from ?? null, to };
  }
  if (Object.keys(changed).length === 0) return;
  await recordAudit(tx, [
    {
      orgId: ctx.caller.orgId,
      actorId: ctx.caller.userId,
      action: 'settings.changed',
      detail: changed,
      at: ctx.clock.now(),
    },
  ]);
}
