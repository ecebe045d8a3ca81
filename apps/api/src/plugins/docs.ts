import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { describeAccess } from '../lib/access.ts';

async function docs(app: FastifyInstance) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Leeway API',
        version: '1.0.0',
        description:
          'Weekly pulse, ownership experiments and their measured impact. Every aggregate is suppressed below the organisation minimum group size k. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'leeway_session' },
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const access = route.config?.access;
      const transformed = { ...(schema ?? {}) } as Record<string, unknown>;
      if (access) {
        const who = describeAccess(access);
        transformed.description = [transformed.description, who].filter(Boolean).join('\n\n');
        if (access.allow !== 'anyone')
          transformed.security = [{ cookieAuth: [] }, { bearerAuth: [] }];
      }
      return { schema: transformed, url };
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    staticCSP: true,
    uiHooks: {},
  });
}

export default fp(docs, { name: 'docs', dependencies: ['authorization'] });
