import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  expectProblem,
  PASSWORD,
  sessionToken,
  signUpOrg,
  uniqueEmail,
} from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function forge(
  payload: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
) {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
function claimsOf(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

describe('sign-up', () => {
  it('creates an org and its first admin and signs them in with a safe cookie', async () => {
    const email = uniqueEmail();
    const res = await client(t.app).post('/api/auth/signup', {
      orgName: 'Acme',
      name: 'Ada',
      email,
      password: PASSWORD,
      timezone: 'Europe/Berlin',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, name: 'Ada', role: 'admin' });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // only in production
    const me = await client(t.app, sessionToken(res.headers)).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.org).toMatchObject({ name: 'Acme', timezone: 'Europe/Berlin' });
    expect(me.body.user.role).toBe('admin');
    expect(me.body.teams).toEqual([]);
  });

  it('names the offending field when input is invalid', async () => {
    const res = await client(t.app).post('/api/auth/signup', {
      orgName: 'A',
      name: 'A',
      email: 'not-an-email',
      password: 'short',
    });
    const problem = expectProblem(res, 400);
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('refuses an unknown time zone', async () => {
    const res = await client(t.app).post('/api/auth/signup', {
      orgName: 'A',
      name: 'A',
      email: uniqueEmail(),
      password: PASSWORD,
      timezone: 'Mars/Base',
    });
    expect(expectProblem(res, 400).errors?.[0]?.field).toBe('timezone');
  });
});

describe('login and logout', () => {
  it('signs in with the right password and not with a wrong one or an unknown e-mail', async () => {
    const org = await signUpOrg(t.app);
    const ok = await client(t.app).post('/api/auth/login', {
      email: org.adminEmail,
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(org.adminEmail);
    const wrong = expectProblem(
      await client(t.app).post('/api/auth/login', {
        email: org.adminEmail,
        password: 'wrong password!',
      }),
      401,
    );
    const unknown = expectProblem(
      await client(t.app).post('/api/auth/login', { email: uniqueEmail(), password: PASSWORD }),
      401,
    );
    expect(wrong.detail).toBe(unknown.detail); // no hint which part was wrong
  });

  it('ends the session on the server: the token stops working after logout', async () => {
    const org = await signUpOrg(t.app);
    const login = await client(t.app).post('/api/auth/login', {
      email: org.adminEmail,
      password: PASSWORD,
    });
    const token = sessionToken(login.headers);
    expect((await client(t.app, token).get('/api/me')).status).toBe(200);
    const out = await client(t.app, token).post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/leeway_session=;/);
    expectProblem(await client(t.app, token).get('/api/me'), 401);
    // other sessions of the same person are untouched
    expect((await org.admin.get('/api/me')).status).toBe(200);
  });

  it('accepts the session from the cookie as well as from the Authorization header', async () => {
    const org = await signUpOrg(t.app);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      cookies: { leeway_session: org.admin.token! },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('tokens', () => {
  it('answers 401 without a session', async () => {
    expectProblem(await client(t.app).get('/api/me'), 401);
    expectProblem(await client(t.app, 'garbage').get('/api/me'), 401);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: 'Basic abc' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('expires sessions with the clock', async () => {
    const org = await signUpOrg(t.app);
    expect((await org.admin.get('/api/me')).status).toBe(200);
    t.clock.advance(14 * 24 * 60 * 60 * 1000 + 1000);
    try {
      expectProblem(await org.admin.get('/api/me'), 401);
    } finally {
      t.clock.advance(-(14 * 24 * 60 * 60 * 1000 + 1000));
    }
  });

  it('refuses alg:none, a wrong key, a tampered payload and missing claims', async () => {
    const org = await signUpOrg(t.app);
    const token = org.admin.token!;
    const claims = claimsOf(token);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    expectProblem(await client(t.app, unsigned).get('/api/me'), 401);
    expectProblem(await client(t.app, forge(claims, 'x'.repeat(64))).get('/api/me'), 401);
    const [h, , s] = token.split('.');
    const tampered = `${h}.${b64({ ...claims, sub: 'someone-else' })}.${s}`;
    expectProblem(await client(t.app, tampered).get('/api/me'), 401);
    const { sid: _sid, ...withoutSid } = claims;
    expectProblem(await client(t.app, forge(withoutSid, t.config.jwtSecret)).get('/api/me'), 401);
    const { exp: _exp, ...withoutExp } = claims;
    expectProblem(await client(t.app, forge(withoutExp, t.config.jwtSecret)).get('/api/me'), 401);
    const future = forge({ ...claims, nbf: claims.iat + 3600 }, t.config.jwtSecret);
    expectProblem(await client(t.app, future).get('/api/me'), 401);
    const hs512 = forge(claims, t.config.jwtSecret, { alg: 'HS512', typ: 'JWT' });
    expectProblem(await client(t.app, hs512).get('/api/me'), 401);
    // the genuine token still works: the refusals above were about the tokens, not the session
    expect((await client(t.app, forge(claims, t.config.jwtSecret)).get('/api/me')).status).toBe(
      200,
    );
  });
});

describe('login rate limit', () => {
  it('answers 429 per account after too many attempts', async () => {
    const limited = await createTestApp({
      loginRateLimit: { perAccount: 3, perAddress: 1000, windowMs: 60_000 },
    });
    try {
      const org = await signUpOrg(limited.app);
      const attempt = () =>
        client(limited.app).post('/api/auth/login', {
          email: org.adminEmail,
          password: 'wrong password!',
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const blocked = expectProblem(await attempt(), 429);
      expect(blocked.detail).toMatch(/Try again/);
      // even the right password is refused until the window passes
      expectProblem(
        await client(limited.app).post('/api/auth/login', {
          email: org.adminEmail,
          password: PASSWORD,
        }),
        429,
      );
      // another account from the same address is unaffected
      expect(
        (
          await client(limited.app).post('/api/auth/login', {
            email: uniqueEmail(),
            password: PASSWORD,
          })
        ).status,
      ).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('answers 429 per address across accounts', async () => {
    const limited = await createTestApp({
      loginRateLimit: { perAccount: 1000, perAddress: 3, windowMs: 60_000 },
    });
    try {
      for (let i = 0; i < 3; i++) {
        expect(
          (
            await client(limited.app).post('/api/auth/login', {
              email: uniqueEmail(),
              password: PASSWORD,
            })
          ).status,
        ).toBe(401);
      }
      expectProblem(
        await client(limited.app).post('/api/auth/login', {
          email: uniqueEmail(),
          password: PASSWORD,
        }),
        429,
      );
    } finally {
      await limited.close();
    }
  });
});
