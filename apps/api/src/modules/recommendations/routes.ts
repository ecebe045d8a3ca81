import { Recommendations, TeamIdParams } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function recommendationRoutes(app: App) {
  app.get(
    '/api/teams/:teamId/recommendations',
    {
      config: { access: access.team('admin', 'teamLead') },
      schema: {
        tags: ['experiments'],
        operationId: 'getRecommendations',
        summary: 'The next experiment for this team, best first, each with one sentence why',
        description:
          "Experiment types ranked by the organisation's pooled effect (completed, unsuppressed experiments; prediction interval from three), ahead when they aim at the team's lowest item over its recent published weeks; types the team runs, planned, adopted or abandoned are left out. With no evidence, a built-in starter library.",
        params: TeamIdParams,
        response: { 200: Recommendations, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => service.recommendations(app.ctx(request), request.params.teamId),
  );
}
