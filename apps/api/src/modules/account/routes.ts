import { ChangePasswordBody, Me, SessionResponse, UpdateProfileBody } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function accountRoutes(app: App) {
  app.patch(
    '/api/me',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        operationId: 'updateProfile',
        summary: 'Change one’s own name',
        body: UpdateProfileBody,
        response: { 200: Me, ...errorResponses(400, 401, 413, 415) },
      },
    },
    async (request) => service.updateProfile(app.ctx(request), request.body),
  );

  app.post(
    '/api/me/password',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        operationId: 'changePassword',
        summary: 'Change one’s password; every other session ends, this one is renewed',
        body: ChangePasswordBody,
        response: { 200: SessionResponse, ...errorResponses(400, 401, 413, 415, 429) },
      },
      preHandler: app.loginRateLimits.perAddress,
    },
    async (request, reply) => {
      const user = await service.changePassword(app.ctx(request), request.body);
      await app.issueSession(reply, user.id);
      return { user };
    },
  );
}
