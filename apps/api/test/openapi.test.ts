import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('documents every route with its request, responses and errors', async () => {
    const res = await client(t.app).get('/api/docs/json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    const routes = t.app.routeTable.filter((r) => !r.url.startsWith('/api/docs'));
    for (const route of routes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${path}`).toBeDefined();
      expect(op.operationId, `${route.method} ${path}`).toMatch(/^[a-zA-Z]+$/);
      expect(op.summary, `${route.method} ${path}`).toBeTruthy();
      const codes = Object.keys(op.responses);
      expect(
        codes.some((c) => c.startsWith('2')),
        `${route.method} ${path} success`,
      ).toBe(true);
      expect(codes, `${route.method} ${path} errors`).toContain('500');
      if (route.access.allow !== 'anyone')
        expect(codes, `${route.method} ${path}`).toContain('401');
      if (['POST', 'PATCH'].includes(route.method) && op.requestBody)
        expect(codes).toContain('400');
      const problem = (Object.values(op.responses['500'].content)[0] as { schema: any }).schema;
      expect(problem.required).toEqual(
        expect.arrayContaining(['type', 'title', 'status', 'detail']),
      );
    }
    const ids = routes.map(
      (r) => doc.paths[r.url.replace(/:(\w+)/g, '{$1}')][r.method.toLowerCase()].operationId,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves a reference UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
