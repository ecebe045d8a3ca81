import { IdParams, VoteBody, Votes } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function voteRoutes(app: App) {
  app.get(
    '/api/experiments/:id/votes',
    {
      config: { access: access.experiment('admin', 'teamLead', 'teamMember') },
      schema: {
        tags: ['experiments'],
        operationId: 'getExperimentVotes',
        summary: "The members' adopt / adapt / abandon vote, once voting has closed, from k voters",
        params: IdParams,
        response: { 200: Votes, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => service.experimentVotes(app.ctx(request), request.params.id),
  );

  app.post(
    '/api/experiments/:id/votes',
    {
      config: { access: access.experiment('teamMember') },
      schema: {
        tags: ['experiments'],
        operationId: 'voteOnExperiment',
        summary: "Vote anonymously on the team's ended experiment: adopt, adapt or abandon",
        description:
          'Open in the week after its last week, once per person (409 otherwise). The vote is stored as a count apart from the receipt that says you voted.',
        params: IdParams,
        body: VoteBody,
        response: { 201: Votes, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.vote(app.ctx(request), request.params.id, request.body)),
  );
}
