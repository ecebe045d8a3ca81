import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('is live and ready while the database answers, with a request id', async () => {
    expect((await client(t.app).get('/api/health/live')).body).toEqual({ status: 'ok' });
    const ready = await client(t.app).get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.headers['x-request-id']).toBeTruthy();
  });

  it('turns not ready (503) when the database is gone', async () => {
    const other = await createTestApp();
    await other.database.close();
    const res = await client(other.app).get('/api/health/ready');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toEqual({
      type: 'https://leeway.example/problems/unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'The database is not reachable.',
      instance: '/api/health/ready',
    });
    await other.app.close();
  });
});
