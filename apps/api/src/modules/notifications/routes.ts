import {
  NotificationPreferences,
  UnsubscribeBody,
  Unsubscribed,
  UnsubscribeQuery,
  UpdateNotificationPreferencesBody,
} from '@leeway/contracts';
import { Type } from '@sinclair/typebox';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function notificationRoutes(app: App) {
  const publicCtx = () => ({ db: app.db, clock: app.clock, config: app.config });

  app.get(
    '/api/me/notifications',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['notifications'],
        operationId: 'getNotificationPreferences',
        summary: 'Which messages the caller receives (all on by default)',
        response: { 200: NotificationPreferences, ...errorResponses(401) },
      },
    },
    async (request) => service.preferences(app.ctx(request)),
  );

  app.patch(
    '/api/me/notifications',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['notifications'],
        operationId: 'updateNotificationPreferences',
        summary: 'Switch messages on or off',
        body: UpdateNotificationPreferencesBody,
        response: { 200: NotificationPreferences, ...errorResponses(400, 401, 413, 415) },
      },
    },
    async (request) => service.updatePreferences(app.ctx(request), request.body),
  );

  app.get(
    '/api/notifications/unsubscribe',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['notifications'],
        operationId: 'describeUnsubscribe',
        summary: 'What an unsubscribe link switches off; changes nothing',
        querystring: UnsubscribeQuery,
        response: { 200: Unsubscribed, ...errorResponses(400) },
      },
    },
    async (request) => service.describeUnsubscribe(publicCtx(), request.query.token),
  );

  // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` as a form to the header's URL (the
  // token in its query); the SPA's page POSTs the token as JSON. The token is the authority, so
  // a cross-site form gains nothing: it could only unsubscribe the holder of a valid link.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post(
      '/api/notifications/unsubscribe',
      {
        config: { access: access.anyone() },
        schema: {
          tags: ['notifications'],
          operationId: 'unsubscribe',
          summary: 'One-click unsubscribe from one kind of message (works signed out)',
          description:
            'The token comes from the link in the message: as `?token=` with a form body `List-Unsubscribe=One-Click` (RFC 8058), or as JSON `{token}`.',
          querystring: Type.Partial(UnsubscribeQuery),
          body: Type.Union([
            UnsubscribeBody,
            Type.Object(
              { 'List-Unsubscribe': Type.Literal('One-Click') },
              { additionalProperties: false },
            ),
          ]),
          response: { 200: Unsubscribed, ...errorResponses(400, 413, 415) },
        },
      },
      async (request) => {
        const body = request.body as { token?: string };
        const token = body.token ?? (request.query as { token?: string }).token;
        return service.unsubscribe(publicCtx(), token ?? '');
      },
    );
  });
}
