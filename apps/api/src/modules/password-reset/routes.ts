import {
  Accepted,
  PasswordResetBody,
  PasswordResetConfirmBody,
  SessionResponse,
} from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function passwordResetRoutes(app: App) {
  const publicCtx = () => ({ db: app.db, clock: app.clock, config: app.config });
  const limits = app.loginRateLimits;

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['auth'],
        operationId: 'requestPasswordReset',
        summary: 'E-mail a link to choose a new password; 202 whether or not the address exists',
        description:
          'Rate limited like sign-in (per address and per client). The link works once, for 30 minutes. Without SMTP_URL no link can reach anyone: it is never kept in the outbox.',
        body: PasswordResetBody,
        response: { 202: Accepted, ...errorResponses(400, 413, 415, 429) },
      },
      preHandler: [limits.perAddress, limits.perAccount],
    },
    async (request, reply) => {
      const written = await service.requestReset(publicCtx(), request.body.email);
      if (written > 0) app.scheduler.kick();
      return reply.code(202).send({
        message: 'If an account uses this address, a link to choose a new password is on its way.',
      });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['auth'],
        operationId: 'confirmPasswordReset',
        summary: 'Choose a new password with the e-mailed token; signs in (session cookie)',
        body: PasswordResetConfirmBody,
        response: { 200: SessionResponse, ...errorResponses(400, 410, 413, 415, 429) },
      },
      preHandler: limits.perAddress,
    },
    async (request, reply) => {
      const user = await service.confirmReset(publicCtx(), request.body);
      await app.issueSession(reply, user.id);
      return { user };
    },
  );
}
