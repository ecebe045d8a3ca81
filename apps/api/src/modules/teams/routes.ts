import {
  CreateTeamBody,
  MemberList,
  Team,
  TeamIdParams,
  TeamList,
  UpdateTeamBody,
} from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function teamRoutes(app: App) {
  app.get(
    '/api/teams',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['teams'],
        operationId: 'listTeams',
        summary:
          'Teams the caller can see: all for admins, led teams for leads, their own team for members',
        response: { 200: TeamList, ...errorResponses(401) },
      },
    },
    async (request) => ({ teams: await service.listTeams(app.ctx(request)) }),
  );

  app.post(
    '/api/teams',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['teams'],
        operationId: 'createTeam',
        summary: 'Create a team',
        body: CreateTeamBody,
        response: { 201: Team, ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createTeam(app.ctx(request), request.body)),
  );

  app.get(
    '/api/teams/:teamId',
    {
      config: { access: access.team('admin', 'teamLead', 'teamMember') },
      schema: {
        tags: ['teams'],
        operationId: 'getTeam',
        summary: 'One team',
        params: TeamIdParams,
        response: { 200: Team, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => service.getTeam(app.ctx(request), request.params.teamId),
  );

  app.patch(
    '/api/teams/:teamId',
    {
      config: { access: access.team('admin') },
      schema: {
        tags: ['teams'],
        operationId: 'renameTeam',
        summary: 'Rename a team',
        params: TeamIdParams,
        body: UpdateTeamBody,
        response: { 200: Team, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => service.renameTeam(app.ctx(request), request.params.teamId, request.body),
  );

  app.get(
    '/api/teams/:teamId/members',
    {
      config: { access: access.team('admin', 'teamLead', 'teamMember') },
      schema: {
        tags: ['teams'],
        operationId: 'listTeamMembers',
        summary:
          "The team's current members with the week each joined, and its leads (never who has or has not answered)",
        description:
          "Admins and the team's leads also see e-mail addresses and exact joining times; the team's members see names and joining weeks.",
        params: TeamIdParams,
        response: { 200: MemberList, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => service.listMembers(app.ctx(request), request.params.teamId),
  );
}
