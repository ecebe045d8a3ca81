import { Drivers } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function driverRoutes(app: App) {
  app.get(
    '/api/org/drivers',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['organisation'],
        operationId: 'getEnpsDrivers',
        summary: 'How strongly each item goes with eNPS across published team-weeks',
        description:
          "Pearson's r of each item's team-week mean with the team-week eNPS over the last 52 closed weeks, with a Fisher z 95 % CI, from published team-weeks only; empty (`shown: false`) below 20 team-weeks or 3 teams.",
        response: { 200: Drivers, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.drivers(app.ctx(request)),
  );
}
