import { CreateIdeaBody, Idea, IdeaIdParams, IdeaList, TeamIdParams } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function ideaRoutes(app: App) {
  app.get(
    '/api/teams/:teamId/ideas',
    {
      config: { access: access.team('admin', 'teamLead', 'teamMember') },
      schema: {
        tags: ['ideas'],
        operationId: 'listIdeas',
        summary: "The team's experiment ideas, most-voted first",
        params: TeamIdParams,
        response: { 200: IdeaList, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => service.listIdeas(app.ctx(request), request.params.teamId),
  );

  app.post(
    '/api/teams/:teamId/ideas',
    {
      config: { access: access.team('admin', 'teamLead', 'teamMember') },
      schema: {
        tags: ['ideas'],
        operationId: 'proposeIdea',
        summary: 'Propose an experiment idea for the team, optionally without your name',
        params: TeamIdParams,
        body: CreateIdeaBody,
        response: { 201: Idea, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.proposeIdea(app.ctx(request), request.params.teamId, request.body)),
  );

  app.post(
    '/api/ideas/:ideaId/vote',
    {
      config: { access: access.idea('teamLead', 'teamMember') },
      schema: {
        tags: ['ideas'],
        operationId: 'voteForIdea',
        summary: 'Upvote an idea of your team (one vote per person; voting again changes nothing)',
        params: IdeaIdParams,
        response: { 200: Idea, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      service.voteForIdea(app.ctx(request), request.scope!.teamId, request.params.ideaId),
  );

  app.delete(
    '/api/ideas/:ideaId/vote',
    {
      config: { access: access.idea('teamLead', 'teamMember') },
      schema: {
        tags: ['ideas'],
        operationId: 'withdrawIdeaVote',
        summary: 'Withdraw your vote',
        params: IdeaIdParams,
        response: { 200: Idea, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      service.withdrawVote(app.ctx(request), request.scope!.teamId, request.params.ideaId),
  );
}
