import { randomUUID } from 'node:crypto';
import fastifyHelmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '@leeway/db';
import { type Clock, systemClock } from '@leeway/domain/clock';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from './config.ts';
import accountRoutes from './modules/account/routes.ts';
import auditRoutes from './modules/audit/routes.ts';
import authRoutes from './modules/auth/routes.ts';
import driverRoutes from './modules/drivers/routes.ts';
import experimentRoutes from './modules/experiments/routes.ts';
import healthRoutes from './modules/health/routes.ts';
import ideaRoutes from './modules/ideas/routes.ts';
import invitationRoutes from './modules/invitations/routes.ts';
import notificationRoutes from './modules/notifications/routes.ts';
import orgRoutes from './modules/org/routes.ts';
import outboxRoutes from './modules/outbox/routes.ts';
import passwordResetRoutes from './modules/password-reset/routes.ts';
import peopleRoutes from './modules/people/routes.ts';
import preflightRoutes from './modules/preflight/routes.ts';
import pulseRoutes from './modules/pulse/routes.ts';
import recommendationRoutes from './modules/recommendations/routes.ts';
import scheduler, { type SchedulerOptions } from './modules/scheduler/plugin.ts';
import settingsRoutes from './modules/settings/routes.ts';
import teamRoutes from './modules/teams/routes.ts';
import voteRoutes from './modules/votes/routes.ts';
import webhookRoutes from './modules/webhooks/routes.ts';
import authentication from './plugins/authentication.ts';
import authorization from './plugins/authorization.ts';
import compress from './plugins/compress.ts';
import database from './plugins/database.ts';
import docs from './plugins/docs.ts';
import errors from './plugins/errors.ts';
import nulCharacters from './plugins/nul-characters.ts';
import rateLimit from './plugins/rate-limit.ts';
import spa from './plugins/spa.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
  }
}

export interface AppDeps {
  /** The one source of time for everything the API decides (weeks, expiry, status). */
  clock?: Clock;
  /** An open, migrated database; without it the app opens (and migrates) its own from config. */
  database?: Database;
  /** Where log lines go (standard output by default); tests read them. */
  logStream?: NodeJS.WritableStream;
  /** Chat delivery and its DNS (tests replace them); e-mail goes to SMTP_URL. */
  webhooks?: SchedulerOptions['webhooks'];
}

/** Secrets that travel in URLs (invitation tokens) never reach the log. */
const redactUrl = (url: string) => url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]');

export async function buildApp(config: Config, deps: AppDeps = {}) {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      // Bodies are never logged: they carry answers, comments and passwords.
      serializers: {
        req: (request: { method: string; url: string; ip?: string }) => ({
          method: request.method,
          url: redactUrl(request.url),
          remoteAddress: request.ip,
        }),
      },
    },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 256 * 1024,
    // Slow clients (slowloris) cannot hold sockets: a request must arrive whole in time.
    connectionTimeout: config.connectionTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    http: {
      // Node's headersTimeout defaults to 60 s, and when it is the larger of the two Node swaps
      // them: the body would then get 60 s, not requestTimeout.
      headersTimeout: config.requestTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Node looks for requests past their deadline only every 30 s by default, which would let
      // a slow client keep its socket up to 30 s longer than requestTimeout.
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, config.requestTimeoutMs / 4)),
    },
    trustProxy: config.nodeEnv === 'production',
    ajv: {
      customOptions: {
        // Validation is strict: unknown fields and wrong types are refused, never silently fixed.
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: true,
        allErrors: true,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Only JSON bodies: a cross-site form cannot send one, which closes the CSRF door for mutations.
  app.removeContentTypeParser('text/plain');

  // external
  app.register(
    fp(
      async (instance) => {
        instance.decorate('config', config);
        instance.decorate('clock', deps.clock ?? systemClock);
      },
      { name: 'config' },
    ),
  );
  app.register(errors);
  app.register(nulCharacters);
  app.register(database, { database: deps.database });
  app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.nodeEnv === 'production' ? [] : null,
      },
    },
    hsts: config.nodeEnv === 'production',
  });
  app.register(compress);
  app.register(rateLimit);
  // app
  app.register(authentication);
  app.register(authorization);
  app.register(docs);
  app.register(scheduler, { webhooks: deps.webhooks });
  // routes
  app.register(healthRoutes);
  app.register(authRoutes);
  app.register(teamRoutes);
  app.register(invitationRoutes);
  app.register(settingsRoutes);
  app.register(orgRoutes);
  app.register(peopleRoutes);
  app.register(pulseRoutes);
  app.register(experimentRoutes);
  app.register(preflightRoutes);
  app.register(recommendationRoutes);
  app.register(driverRoutes);
  app.register(voteRoutes);
  app.register(ideaRoutes);
  app.register(auditRoutes);
  app.register(outboxRoutes);
  app.register(notificationRoutes);
  app.register(passwordResetRoutes);
  app.register(accountRoutes);
  app.register(webhookRoutes);
  app.register(spa);

  await app.ready();
  return app;
}

export type LeewayApp = Awaited<ReturnType<typeof buildApp>>;
