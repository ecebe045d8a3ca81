import type { TeamWebhook } from '@leeway/contracts';
import type { Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import { checkWebhookUrl, type Resolver, resolvesPublicly } from './policy.ts';
import * as repo from './repository.ts';

export async function getWebhook(ctx: Ctx, teamId: string): Promise<TeamWebhook> {
  const hook = await repo.findWebhook(ctx.db, teamId, ctx.caller.orgId);
  return hook
    ? { service: hook.service, host: new URL(hook.url).hostname }
    : { service: null, host: null };
}

/** Connects a team to a Slack or Teams channel; anything but such a webhook URL is a 400. */
export async function putWebhook(ctx: Ctx, resolve: Resolver, teamId: string, raw: string) {
  const verdict = checkWebhookUrl(raw.trim());
  if (!verdict.ok) throw invalid('url', verdict.why);
  if (!(await resolvesPublicly(verdict.url.hostname, resolve))) {
    throw invalid('url', 'must resolve to a public address');
  }
  await repo.upsertWebhook(ctx.db, {
    teamId,
    orgId: ctx.caller.orgId,
    service: verdict.service,
    url: verdict.url.toString(),
    createdBy: ctx.caller.userId,
    createdAt: ctx.clock.now(),
  });
  return getWebhook(ctx, teamId);
}

/** Disconnects the team's chat channel (nothing happens when it had none). */
export async function deleteWebhook(ctx: Ctx, teamId: string) {
  await repo.deleteWebhook(ctx.db, ctx.caller.orgId, teamId);
}
