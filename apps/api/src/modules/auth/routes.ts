import { LoginBody, Me, SessionResponse, SignupBody } from '@leeway/contracts';
import { Type } from '@sinclair/typebox';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import { SESSION_COOKIE } from '../../plugins/authentication.ts';
import * as service from './service.ts';

export default async function authRoutes(app: App) {
  const publicCtx = () => ({ db: app.db, clock: app.clock, config: app.config });
  const loginLimits = app.loginRateLimits;

  app.post(
    '/api/auth/signup',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['auth'],
        operationId: 'signUp',
        summary: 'Create an organisation and its first admin, and sign in',
        body: SignupBody,
        response: { 201: SessionResponse, ...errorResponses(400, 413, 415, 429) },
      },
      preHandler: loginLimits.perAddress,
    },
    async (request, reply) => {
      const user = await service.signUp(publicCtx(), request.body);
      await app.issueSession(reply, user.id);
      return reply.code(201).send({ user });
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['auth'],
        operationId: 'logIn',
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: LoginBody,
        response: { 200: SessionResponse, ...errorResponses(400, 401, 413, 415, 429) },
      },
      preHandler: [loginLimits.perAddress, loginLimits.perAccount],
    },
    async (request, reply) => {
      const user = await service.logIn(publicCtx(), request.body);
      await app.issueSession(reply, user.id);
      return { user };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['auth'],
        operationId: 'logOut',
        summary: 'End the current session (revoked on the server) and clear the cookie',
        response: { 204: Type.Null(), ...errorResponses() },
      },
    },
    async (request, reply) => {
      const caller = await app.optionalCaller(request);
      if (caller) await service.logOut(publicCtx(), caller.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        operationId: 'getMe',
        summary: 'The signed-in user, their role, organisation and teams',
        response: { 200: Me, ...errorResponses(401) },
      },
    },
    async (request) => service.me(app.ctx(request)),
  );
}
