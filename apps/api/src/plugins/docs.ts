import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { describeAccess } from '../lib/access.ts';

/** The CSP hash of the style Swagger UI's bundle injects (see `transformStaticCSP`). */
const SWAGGER_UI_STYLE = 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';

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
    // Swagger UI's script adds one fixed <style> element at run time, which the static policy
    // (hashes of index.html only) refuses; its hash lets exactly that style in, nothing else.
    // A new Swagger UI may change it: the browser test of /api/docs then names the new hash.
    transformStaticCSP: (header) =>
      header.replace("style-src 'self' https:", `style-src 'self' https: '${SWAGGER_UI_STYLE}'`),
    uiHooks: {},
  });
}

export default fp(docs, { name: 'docs', dependencies: ['authorization'] });
