import { OrgSettings, UpdateOrgSettingsBody } from '@leeway/contracts';
import { type Executor, schema } from '@leeway/db';
import { changeZone, isValidTimeZone } from '@leeway/domain/weeks';
import { eq } from 'drizzle-orm';
import { access } from '../../lib/access.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import { recordAudit } from '../audit/repository.ts';
import * as publication from '../publication/service.ts';

export async function getSettings(ctx: Ctx): Promise<OrgSettings> {
  const [org] = await ctx.db.select().from(schema.orgs).where(eq(schema.orgs.id, ctx.caller.orgId));
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
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(schema.orgs)
      .where(eq(schema.orgs.id, ctx.caller.orgId))
      .for('update');
    await tx
      .update(schema.orgs)
      .set({
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
      })
      .where(eq(schema.orgs.id, ctx.caller.orgId));
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

export default async function settingsRoutes(app: App) {
  app.get(
    '/api/org/settings',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['organisation'],
        operationId: 'getOrgSettings',
        summary:
          'Organisation settings: minimum group size k, time zone, default baseline weeks, message times',
        response: { 200: OrgSettings, ...errorResponses(401, 403) },
      },
    },
    async (request) => getSettings(app.ctx(request)),
  );

  app.patch(
    '/api/org/settings',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['organisation'],
        operationId: 'updateOrgSettings',
        summary: 'Change settings; k is never below 3',
        body: UpdateOrgSettingsBody,
        response: { 200: OrgSettings, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request) => updateSettings(app.ctx(request), request.body),
  );
}
