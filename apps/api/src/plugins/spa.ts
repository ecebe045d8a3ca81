import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const defaultDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Serves the built SPA from the API's port; unknown non-API paths get index.html. The build writes
 * `.br` and `.gz` beside each text file (apps/web/vite.config.ts), sent as they are to clients
 * that accept them, so no CPU is spent compressing per request.
 */
async function spa(app: FastifyInstance) {
  const root = app.config.webDist ?? defaultDist;
  if (!existsSync(`${root}/index.html`)) {
    app.log.warn({ root }, 'web build not found; serving the API only (run `pnpm build`)');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    preCompressed: true,
    setHeaders: (res, path) => {
      res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || path === '/api') {
      return reply.callNotFound();
    }
    if (/\.[a-z0-9]+$/i.test(path)) {
      return reply.sendFile(path.slice(1));
    }
    return reply.sendFile('index.html', { maxAge: 0 });
  });
}

export default fp(spa, { name: 'spa', dependencies: ['authorization'] });
