import { PutTeamWebhookBody, TeamIdParams, TeamWebhook } from '@leeway/contracts';
import { schema } from '@leeway/db';
import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import { access } from '../../lib/access.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import { checkWebhookUrl, type Resolver, resolvesPublicly } from './policy.ts';

async function getWebhook(ctx: Ctx, teamId: string): Promise<TeamWebhook> {
  const [hook] = await ctx.db
    .select()
    .from(schema.teamWebhooks)
    .where(
      and(eq(schema.teamWebhooks.teamId, teamId), eq(schema.teamWebhooks.orgId, ctx.caller.orgId)),
    );
  return hook
    ? { service: hook.service, host: new URL(hook.url).hostname }
    : { service: null, host: null };
}

/** Connects a team to a Slack or Teams channel; anything but such a webhook URL is a 400. */
async function putWebhook(ctx: Ctx, resolve: Resolver, teamId: string, raw: string) {
  const verdict = checkWebhookUrl(raw.trim());
  if (!verdict.ok) throw invalid('url', verdict.why);
  if (!(await resolvesPublicly(verdict.url.hostname, resolve))) {
    throw invalid('url', 'must resolve to a public address');
  }
  const values = {
    teamId,
    orgId: ctx.caller.orgId,
    service: verdict.service,
    url: verdict.url.toString(),
    createdBy: ctx.caller.userId,
    createdAt: ctx.clock.now(),
  };
  await ctx.db
    .insert(schema.teamWebhooks)
    .values(values)
    .onConflictDoUpdate({ target: schema.teamWebhooks.teamId, set: values });
  return getWebhook(ctx, teamId);
}

export default async function webhookRoutes(app: App) {
  const who = access.team('admin', 'teamLead');
  app.get(
    '/api/teams/:teamId/webhook',
    {
      config: { access: who },
      schema: {
        tags: ['teams'],
        operationId: 'getTeamWebhook',
        summary: 'The team’s chat channel (service and host; the URL’s secret path is never shown)',
        params: TeamIdParams,
        response: { 200: TeamWebhook, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getWebhook(app.ctx(request), request.params.teamId),
  );

  app.put(
    '/api/teams/:teamId/webhook',
    {
      config: { access: who },
      schema: {
        tags: ['teams'],
        operationId: 'putTeamWebhook',
        summary:
          'Connect the team to a Slack or Microsoft Teams channel by incoming-webhook URL (https, those services’ hosts only, never a private address)',
        params: TeamIdParams,
        body: PutTeamWebhookBody,
        response: { 200: TeamWebhook, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) =>
      putWebhook(app.ctx(request), app.resolveHost, request.params.teamId, request.body.url),
  );

  app.delete(
    '/api/teams/:teamId/webhook',
    {
      config: { access: who },
      schema: {
        tags: ['teams'],
        operationId: 'deleteTeamWebhook',
        summary: 'Disconnect the team’s chat channel',
        params: TeamIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const ctx = app.ctx(request);
      await ctx.db
        .delete(schema.teamWebhooks)
        .where(
          and(
            eq(schema.teamWebhooks.teamId, request.params.teamId),
            eq(schema.teamWebhooks.orgId, ctx.caller.orgId),
          ),
        );
      return reply.code(204).send(null);
    },
  );
}
