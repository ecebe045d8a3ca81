import { AuditLog, LogListQuery } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function auditRoutes(app: App) {
  app.get(
    '/api/audit',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEvents',
        summary: 'Membership, role, lead, team and settings changes: who did what, when',
        querystring: LogListQuery,
        response: { 200: AuditLog, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.listAudit(app.ctx(request), request.query),
  );
}
