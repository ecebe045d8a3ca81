import { OrgSettings, UpdateOrgSettingsBody } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import { getSettings, updateSettings } from './service.ts';

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
