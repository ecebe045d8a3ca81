import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { access } from '../src/lib/access.ts';
import authorization from '../src/plugins/authorization.ts';

/**
 * The refusal itself: the authorisation matrix (access.test.ts) walks the routes of an app that
 * started, so it cannot see a route that failed to register. Here an app with the authorization
 * plugin is given an /api route without `config.access`, and must not start.
 */
function appWith(register: (app: ReturnType<typeof Fastify>) => void) {
  const app = Fastify({ logger: false });
  // authorization only needs the caller (authentication) at request time, never to register.
  app.register(fp(async () => {}, { name: 'authentication' }));
  app.register(authorization);
  app.register(async (instance) => register(instance));
  return { app }; // not the instance itself: awaiting it would start it
}

describe('access rules', () => {
  it('refuses to start with an /api route that declares no access rule', async () => {
    const { app } = appWith((i) => i.get('/api/unguarded', async () => ({ ok: true })));
    await expect(app.ready()).rejects.toThrow('Route GET /api/unguarded declares no access rule');
    await app.close().catch(() => {});
  });

  it('starts with the same route once it declares one, and lists it', async () => {
    const { app } = appWith((i) =>
      i.get('/api/guarded', { config: { access: access.signedIn() } }, async () => ({ ok: true })),
    );
    await app.ready();
    expect(app.routeTable).toEqual([
      { method: 'GET', url: '/api/guarded', access: { allow: 'signedIn' } },
    ]);
    await app.close();
  });

  it('asks nothing of routes outside /api (the web app)', async () => {
    const { app } = appWith((i) => i.get('/teams', async () => 'page'));
    await app.ready();
    expect(app.routeTable).toEqual([]);
    await app.close();
  });
});
