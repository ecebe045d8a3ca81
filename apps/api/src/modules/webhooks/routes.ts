import { PutTeamWebhookBody, TeamIdParams, TeamWebhook } from '@leeway/contracts';
import { Type } from '@sinclair/typebox';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

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
    async (request) => service.getWebhook(app.ctx(request), request.params.teamId),
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
      service.putWebhook(
        app.ctx(request),
        app.resolveHost,
        request.params.teamId,
        request.body.url,
      ),
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
      await service.deleteWebhook(app.ctx(request), request.params.teamId);
      return reply.code(204).send(null);
    },
  );
}
