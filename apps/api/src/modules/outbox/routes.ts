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
        summary: 'Messages the API sent, is sending or kept (no SMTP_URL), newest first',
        description:
          'Who, what, when, why and how delivery went: attempts, the last error, permanent failures. Without SMTP_URL e-mails are only kept here and admins pass them on (the only place an invitation link created by a lead can be read). Reminders are never listed, and a password-reset link is never kept.',
        querystring: LogListQuery,
        response: { 200: OutboxList, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.listOutbox(app.ctx(request), request.query),
  );
}
