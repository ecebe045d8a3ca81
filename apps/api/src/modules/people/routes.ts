import { PeopleList, PersonSummary, UpdateUserBody, UserIdParams } from '@leeway/contracts';
import { Type } from '@sinclair/typebox';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function peopleRoutes(app: App) {
  app.get(
    '/api/people',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['people'],
        operationId: 'listPeople',
        summary: 'Everyone in the organisation with their role, team and led teams',
        response: { 200: PeopleList, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.listPeople(app.ctx(request)),
  );

  app.patch(
    '/api/people/:userId',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['people'],
        operationId: 'updatePerson',
        summary:
          "Change a person's role (their sessions end at once), move them to another team, set the teams they lead, deactivate or reactivate them",
        description:
          'Changes apply together or not at all. Refused (409) with the rule: your own role, leads for someone who is not a lead, leading the team one is a member of, changes to a deactivated person other than reactivating. Every change is in the audit log.',
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: PersonSummary, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => service.updatePerson(app.ctx(request), request.params.userId, request.body),
  );

  app.delete(
    '/api/people/:userId',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['people'],
        operationId: 'deactivatePerson',
        summary: 'Deactivate a person: sessions end, memberships close, sign-in refused',
        params: UserIdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deactivatePerson(app.ctx(request), request.params.userId);
      return reply.code(204).send(null);
    },
  );
}
