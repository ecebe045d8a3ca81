import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { manualClock } from '@leeway/domain/clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type LeewayApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import {
  client,
  createTeam,
  PASSWORD,
  sessionToken,
  signUpOrg,
  uniqueEmail,
} from './helpers/api.ts';
import { testDatabase } from './helpers/app.ts';

/** Runs a full flow with logging at trace level and reads every line the API wrote. */
const lines: string[] = [];
let app: LeewayApp;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await testDatabase();
  drop = db.drop;
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: 'memory://',
      JWT_SECRET: randomBytes(48).toString('hex'),
      LOG_LEVEL: 'trace',
    }),
    webDist: '/nonexistent',
  };
  app = await buildApp(config, {
    clock: manualClock('2026-11-25T10:00:00Z'),
    database: db.database,
    logStream: stream,
  });
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('logs', () => {
  it('carry a request id and never answers, comments, passwords or tokens', async () => {
    const secretComment = `comment-${randomBytes(8).toString('hex')}`;
    const org = await signUpOrg(app);
    const team = await createTeam(org.admin);
    const email = uniqueEmail('logged');
    const inv = await org.admin.post('/api/invitations', {
      email,
      name: 'Logan',
      role: 'member',
      teamId: team.id,
    });
    await client(app).get(`/api/invitations/preview?token=${inv.body.token}`);
    const accepted = await client(app).post('/api/invitations/accept', {
      token: inv.body.token,
      password: PASSWORD,
    });
    const member = client(app, sessionToken(accepted.headers));
    const { pulseId } = (await member.get('/api/pulse')).body;
    await member.post('/api/pulse/responses', {
      pulseId,
      answers: { energy: 2, autonomy: 3, voice: 4, growth: 5, trust: 1, enps: 7 },
      comment: secretComment,
    });
    await client(app).post('/api/auth/login', { email, password: 'wrong-password-123' });

    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(18); // two lines per request at least
    for (const secret of [
      PASSWORD,
      'wrong-password-123',
      secretComment,
      inv.body.token,
      org.admin.token!,
      member.token!,
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/"answers"|"energy"|"enps"/);
    const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.req || l.res);
    expect(requestLines.length).toBeGreaterThanOrEqual(18);
    expect(requestLines.every((l) => typeof l.reqId === 'string' && l.reqId.length > 0)).toBe(true);
  });
});
