import { Preflight, PreflightBody, TeamIdParams } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function preflightRoutes(app: App) {
  app.post(
    '/api/teams/:teamId/experiments/preflight',
    {
      config: { access: access.team('admin', 'teamLead') },
      schema: {
        tags: ['experiments'],
        operationId: 'preflightExperiment',
        summary: 'The smallest change a design can detect, before launch (power preflight)',
        description:
          "From the team's members, its recent published weeks (answers per week and the spread of one answer) or stated defaults for a new team: the MDE at α = 0.05 and 80 % power of the impact page's Welch test, for this design and every other duration × baseline. `measurable` is false when the team has fewer members than k.",
        params: TeamIdParams,
        body: PreflightBody,
        response: { 200: Preflight, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => service.preflight(app.ctx(request), request.params.teamId, request.body),
  );
}
