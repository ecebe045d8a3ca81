import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { buildWorld, type World } from './helpers/world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.app);
});
afterAll(() => t.close());

const bodyRoutes = () =>
  t.app.routeTable.filter(
    (r) => ['POST', 'PATCH', 'PUT'].includes(r.method) && r.url !== '/api/auth/logout',
  );
const url = (u: string) => u.replace(/:(ideaId|teamId|id)\b/g, w.a1.id);

describe('malformed input', () => {
  it('answers problem+json 4xx, never 500, for broken bodies on every route', async () => {
    const payloads: { payload: string; type: string }[] = [
      { payload: '{"unterminated": ', type: 'application/json' },
      { payload: 'null', type: 'application/json' },
      { payload: '[]', type: 'application/json' },
      { payload: '42', type: 'application/json' },
      { payload: '"text"', type: 'application/json' },
      { payload: '{"__proto__": {"role": "admin"}}', type: 'application/json' },
      { payload: 'email=a@b.c&password=x', type: 'application/x-www-form-urlencoded' },
      { payload: 'hello', type: 'text/plain' },
      { payload: '<xml/>', type: 'application/xml' },
    ];
    for (const route of bodyRoutes()) {
      for (const { payload, type } of payloads) {
        const res = await t.app.inject({
          method: route.method as 'POST',
          url: url(route.url),
          headers: { authorization: `Bearer ${w.a.admin.token}`, 'content-type': type },
          payload,
        });
        expect(
          res.statusCode,
          `${route.method} ${route.url} ${type} ${payload}`,
        ).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${route.method} ${route.url} ${type} ${payload}`).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    }
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(300 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('names the offending field, refuses extra fields and numbers as strings', async () => {
    const extra = expectProblem(
      await w.a.admin.post('/api/teams', { name: 'X', orgId: w.b.orgId }),
      400,
    );
    expect(extra.errors).toEqual([{ field: 'orgId', message: 'is not allowed' }]);
    const missing = expectProblem(await w.a.admin.post('/api/teams', {}), 400);
    expect(missing.errors).toEqual([{ field: 'name', message: 'is required' }]);
    const wrongType = expectProblem(
      await w.a.admin.patch('/api/org/settings', { minGroupSize: '5' }),
      400,
    );
    expect(wrongType.errors?.[0]?.field).toBe('minGroupSize');
    const tooSmall = expectProblem(
      await w.a.admin.patch('/api/org/settings', { minGroupSize: 2 }),
      400,
    );
    expect(tooSmall.errors?.[0]?.field).toBe('minGroupSize');
    const huge = expectProblem(
      await w.a.admin.patch('/api/org/settings', { minGroupSize: 1e308 }),
      400,
    );
    expect(huge.errors?.[0]?.field).toBe('minGroupSize');
    const role = expectProblem(
      await w.a.admin.post('/api/invitations', { email: 'x@y.z', name: 'X', role: 'owner' }),
      400,
    );
    expect(role.errors?.[0]?.field).toBe('role');
    // nothing changed
    expect((await w.a.admin.get('/api/org/settings')).body.minGroupSize).toBe(5);
  });

  it('never answers 500 to random JSON on any route (fuzzed)', async () => {
    const routes = bodyRoutes();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.jsonValue({ maxDepth: 3 }),
        async (route, body) => {
          const res = await w.a.admin.send(route.method as 'POST', url(route.url), body as never);
          return res.status < 500;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers unknown API paths with a problem+json 404', async () => {
    expectProblem(await client(t.app).get('/api/nope'), 404);
  });
});
