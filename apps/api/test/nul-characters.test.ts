import { weekOf } from '@leeway/domain/weeks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  client,
  createTeam,
  expectProblem,
  type Org,
  PASSWORD,
  type Person,
  type Response,
  signUpOrg,
  uniqueEmail,
} from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * PostgreSQL cannot store a NUL character in text. Wherever one could reach a query it must be
 * refused as invalid input (400, naming the field) with nothing stored, never a 500. Runs on
 * PGlite and, under `pnpm test:pg`, on PostgreSQL.
 */
let t: TestApp;
let org: Org;
let team: { id: string; name: string };
let member: Person;
beforeAll(async () => {
  t = await createTestApp();
  org = await signUpOrg(t.app);
  team = await createTeam(org.admin);
  member = await addPerson(t.app, org.admin, 'member', team.id);
});
afterAll(() => t.close());

const NUL = '\u0000';

function refused(res: Response, field: string) {
  const problem = expectProblem(res, 400);
  expect(problem.errors?.map((e) => e.field)).toContain(field);
}

describe('a NUL character in input', () => {
  it('is refused in sign-in and sign-up fields, and no account is made', async () => {
    const anon = client(t.app);
    refused(
      await anon.post('/api/auth/login', { email: `a${NUL}@b.example`, password: PASSWORD }),
      'email',
    );
    refused(
      await anon.post('/api/auth/login', { email: org.adminEmail, password: `${PASSWORD}${NUL}` }),
      'password',
    );
    const email = uniqueEmail('nul');
    for (const body of [
      { orgName: `Org${NUL}`, name: 'N', email, password: PASSWORD },
      { orgName: 'Org', name: `N${NUL}`, email, password: PASSWORD },
      { orgName: 'Org', name: 'N', email, password: `${PASSWORD}${NUL}` },
      { orgName: 'Org', name: 'N', email, password: PASSWORD, timezone: `UTC${NUL}` },
    ]) {
      const field = Object.entries(body).find(([, v]) => v.includes(NUL))![0];
      refused(await anon.post('/api/auth/signup', body), field);
    }
    expectProblem(await anon.post('/api/auth/login', { email, password: PASSWORD }), 401);
  });

  it('is refused in invitations, ideas, experiments, pulse answers and settings; nothing is stored', async () => {
    refused(
      await org.admin.post('/api/invitations', {
        email: uniqueEmail(),
        name: `Nul${NUL}Name`,
        role: 'member',
        teamId: team.id,
      }),
      'name',
    );
    refused(
      await org.admin.post('/api/invitations/import', {
        csv: `email,name,role,team\n${uniqueEmail()},A${NUL},member,${team.name}`,
      }),
      'csv',
    );
    expect((await org.admin.get('/api/outbox')).body.messages).toHaveLength(1); // the member's

    refused(
      await member.api.post(`/api/teams/${team.id}/ideas`, { type: 'custom', text: `x${NUL}` }),
      'text',
    );
    expect((await member.api.get(`/api/teams/${team.id}/ideas`)).body.ideas).toEqual([]);

    refused(
      await org.admin.post(`/api/teams/${team.id}/experiments`, {
        type: 'custom',
        title: `Title${NUL}`,
        hypothesis: 'It helps.',
        notMeasured: true,
        startWeek: weekOf(t.clock.now(), 'UTC'),
      }),
      'title',
    );
    expect((await org.admin.get(`/api/teams/${team.id}/experiments`)).body.experiments).toEqual([]);

    const pulse = await member.api.get('/api/pulse');
    expect(pulse.status).toBe(200);
    refused(
      await member.api.post('/api/pulse/responses', {
        pulseId: pulse.body.pulseId,
        answers: { energy: 4, autonomy: 4, voice: 4, growth: 4, trust: 4, enps: 9 },
        comment: `fine${NUL}`,
      }),
      'comment',
    );
    expect((await member.api.get('/api/pulse')).body.answered).toBe(false);

    refused(await org.admin.patch('/api/org/settings', { timezone: `UTC${NUL}` }), 'timezone');
    refused(await org.admin.post('/api/teams', { [`na${NUL}me`]: 'x' }), 'body');
    refused(await org.admin.post('/api/teams', { name: `Team${NUL}` }), 'name');
    expect((await org.admin.get('/api/org/settings')).body.timezone).toBe('UTC');
    expect((await org.admin.get('/api/teams')).body.teams).toHaveLength(1);
  });

  it('is found at any depth, without a 500 or a long wait', async () => {
    const depth = 100_000;
    const started = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { authorization: `Bearer ${org.admin.token}`, 'content-type': 'application/json' },
      payload: `{"name":${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}`,
    });
    expect(res.statusCode).toBe(400);
    const field: string = res.json().errors[0].field;
    expect(field).toMatch(/^name\.0\.0\./);
    expect(field.length).toBeLessThanOrEqual(201);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('is refused in query strings and path parameters', async () => {
    refused(await client(t.app).get('/api/invitations/preview?token=%00'), 'token');
    refused(await org.admin.get(`/api/teams/${team.id}/trends?from=2026-W40%00`), 'from');
    refused(await org.admin.get('/api/audit?limit=1%00'), 'limit');
    refused(await org.admin.get('/api/teams/%00'), 'teamId');
    refused(await org.admin.get(`/api/teams/${team.id}%00/members`), 'teamId');
    refused(await org.admin.get('/api/experiments/%00/impact'), 'id');
    refused(await member.api.post('/api/ideas/%00/vote'), 'ideaId');
    refused(await org.admin.patch('/api/people/%00', { role: 'member' }), 'userId');
    refused(await org.admin.delete('/api/people/a%00b'), 'userId');
  });
});
