import { LogListQuery, OutboxList } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function outboxRoutes(app: App) {
  app.get(
    '/api/outbox',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['outbox'],
        operationId: 'listOutboxMessages',
        summary:
          'Messages the API has kept for sending (invitations with their links), newest first',
        description:
          'No mail server is configured yet, so messages are kept here and admins pass them on. The only place an invitation link created by a lead can be read.',
        querystring: LogListQuery,
        response: { 200: OutboxList, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.listOutbox(app.ctx(request), request.query),
  );
}
