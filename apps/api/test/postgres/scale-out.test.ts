import { randomBytes } from 'node:crypto';
import { type ManualClock, manualClock } from '@leeway/domain/clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type LeewayApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import {
  client,
  createTeam,
  expectProblem,
  PASSWORD,
  sessionToken,
  signUpOrg,
} from '../helpers/api.ts';
import { testDatabase } from '../helpers/app.ts';
import { quickMembers } from '../helpers/world.ts';

/** Two API instances on one PostgreSQL (and one Redis) behave as one service. */
let one: LeewayApp;
let clock: ManualClock;
let two: LeewayApp;
let drop: () => Promise<void>;

beforeAll(async () => {
  if (!process.env.DATABASE_URL)
    throw new Error('these tests need DATABASE_URL (run pnpm test:pg)');
  const a = await testDatabase();
  drop = a.drop;
  const secret = randomBytes(48).toString('hex');
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', JWT_SECRET: secret }),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    loginRateLimit: { perAccount: 4, perAddress: 10_000, windowMs: 60_000 },
    webDist: '/nonexistent',
  };
  clock = manualClock('2026-11-25T10:00:00Z');
  one = await buildApp(config, { clock, database: a.database });
  two = await buildApp(config, { clock, database: a.database });
});
afterAll(async () => {
  await one?.close();
  await two?.close();
  await drop?.();
});

describe('two instances', () => {
  it('honour each other’s sessions, and a logout on one ends it on both', async () => {
    const org = await signUpOrg(one);
    const login = await client(one).post('/api/auth/login', {
      email: org.adminEmail,
      password: PASSWORD,
    });
    const token = sessionToken(login.headers);
    expect((await client(two, token).get('/api/me')).status).toBe(200);
    expect((await client(two, token).post('/api/auth/logout')).status).toBe(204);
    expectProblem(await client(one, token).get('/api/me'), 401);
    expectProblem(await client(two, token).get('/api/me'), 401);
  });

  it('count login attempts together', async () => {
    const org = await signUpOrg(one);
    const attempt = (app: LeewayApp) =>
      client(app).post('/api/auth/login', { email: org.adminEmail, password: 'wrong password!' });
    const statuses = [];
    for (const app of [one, two, one, two, one, two]) statuses.push((await attempt(app)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('store every submission exactly once when the load is spread over both', async () => {
    const org = await signUpOrg(one);
    const team = await createTeam(org.admin);
    const members = await quickMembers(one, org.orgId, team.id, 60);
    const { pulseId } = (await members[0]!.api.get('/api/pulse')).body;
    const answers = { energy: 3, autonomy: 4, voice: 3, growth: 4, trust: 3, enps: 8 };
    const results = await Promise.all(
      members.flatMap((m, i) =>
        [one, two].map((app) =>
          client(app, m.api.token)
            .post('/api/pulse/responses', { pulseId, answers })
            .then((r) => ({ i, status: r.status })),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(60);
    expect(results.filter((r) => r.status === 409)).toHaveLength(60);
    // Figures appear once the week has closed; read them from the other instance.
    clock.set('2026-12-02T10:00:00Z');
    try {
      const trends = await client(two, org.admin.token).get(
        `/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`,
      );
      expect(trends.body.weeks[0].respondents).toBe(60);
    } finally {
      clock.set('2026-11-25T10:00:00Z');
    }
  });
});
