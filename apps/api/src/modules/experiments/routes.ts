import {
  CreateExperimentBody,
  Experiment,
  ExperimentList,
  IdParams,
  Impact,
  TeamIdParams,
  UpdateExperimentBody,
} from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import { experimentImpact } from './impact.ts';
import * as service from './service.ts';

export default async function experimentRoutes(app: App) {
  app.get(
    '/api/teams/:teamId/experiments',
    {
      config: { access: access.team('admin', 'teamLead', 'teamMember') },
      schema: {
        tags: ['experiments'],
        operationId: 'listTeamExperiments',
        summary: "The team's ownership experiments, newest first",
        params: TeamIdParams,
        response: { 200: ExperimentList, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => service.listExperiments(app.ctx(request), request.params.teamId),
  );

  app.post(
    '/api/teams/:teamId/experiments',
    {
      config: { access: access.team('admin', 'teamLead') },
      schema: {
        tags: ['experiments'],
        operationId: 'createExperiment',
        summary: 'Launch an experiment (start week: current or later; at most one per team-week)',
        description: '409 when it overlaps another experiment of the team, naming that experiment.',
        params: TeamIdParams,
        body: CreateExperimentBody,
        response: { 201: Experiment, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.createExperiment(app.ctx(request), request.params.teamId, request.body),
        ),
  );

  app.get(
    '/api/experiments/:id',
    {
      config: { access: access.experiment('admin', 'teamLead', 'teamMember') },
      schema: {
        tags: ['experiments'],
        operationId: 'getExperiment',
        summary: 'One experiment',
        params: IdParams,
        response: { 200: Experiment, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => service.getExperiment(app.ctx(request), request.params.id),
  );

  app.patch(
    '/api/experiments/:id',
    {
      config: { access: access.experiment('admin', 'teamLead') },
      schema: {
        tags: ['experiments'],
        operationId: 'updateExperiment',
        summary: 'Cancel (status: cancelled), or after it ends record the decision and learnings',
        params: IdParams,
        body: UpdateExperimentBody,
        response: { 200: Experiment, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => service.updateExperiment(app.ctx(request), request.params.id, request.body),
  );

  app.get(
    '/api/experiments/:id/impact',
    {
      config: { access: access.experiment('admin', 'teamLead', 'teamMember') },
      schema: {
        tags: ['experiments'],
        operationId: 'getExperimentImpact',
        summary:
          "Before/after effect with Welch's 95 % CI, Hedges' g, verdict, MDE, and difference-in-differences",
        description:
          'Suppressed (values null) when either window has fewer than k respondents. While running, computed on the weeks so far (`partial`). A cancelled experiment has no impact (409).',
        params: IdParams,
        response: { 200: Impact, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => experimentImpact(app.ctx(request), request.params.id),
  );
}
