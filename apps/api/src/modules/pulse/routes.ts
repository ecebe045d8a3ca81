import {
  Comments,
  CommentsQuery,
  Pulse,
  PulseSubmitted,
  SubmitPulseBody,
  TeamIdParams,
  Trends,
  TrendsQuery,
} from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function pulseRoutes(app: App) {
  app.get(
    '/api/pulse',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['pulse'],
        operationId: 'getPulse',
        summary: "This week's pulse of the caller's team, and whether the caller already answered",
        description: '404 when the caller is not a member of any team.',
        response: { 200: Pulse, ...errorResponses(401, 404) },
      },
    },
    async (request) => service.currentPulse(app.ctx(request)),
  );

  app.post(
    '/api/pulse/responses',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['pulse'],
        operationId: 'submitPulseResponse',
        summary: 'Answer this week’s pulse (all six scored answers; optional comment). Final.',
        description:
          '409 when the pulse is closed, belongs to another team, or was already answered by the caller; nothing is stored then. ' +
          '503 `unavailable` when the database could not be reached: nothing is stored; 503 `outcome-unknown` when it went away while saving: the answers may be stored (GET /api/pulse tells).',
        body: SubmitPulseBody,
        response: { 201: PulseSubmitted, ...errorResponses(400, 401, 404, 409, 413, 415, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.submitPulseResponse(app.ctx(request), request.body)),
  );

  app.get(
    '/api/teams/:teamId/trends',
    {
      config: { access: access.team('admin', 'teamLead', 'teamMember') },
      schema: {
        tags: ['aggregates'],
        operationId: 'getTeamTrends',
        summary: 'Weekly engagement, eNPS, item scores and participation; suppressed below k',
        params: TeamIdParams,
        querystring: TrendsQuery,
        response: { 200: Trends, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.teamTrends(app.ctx(request), request.params.teamId, request.query),
  );

  app.get(
    '/api/teams/:teamId/comments',
    {
      config: { access: access.team('admin', 'teamLead') },
      schema: {
        tags: ['aggregates'],
        operationId: 'getTeamComments',
        summary:
          'Comments of one week (default: this week), shuffled, only when at least k answered',
        params: TeamIdParams,
        querystring: CommentsQuery,
        response: { 200: Comments, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.teamComments(app.ctx(request), request.params.teamId, request.query),
  );
}
