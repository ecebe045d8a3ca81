import { schema } from '@leeway/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/lib/transaction.ts';
import { claimDue } from '../src/modules/outbox/repository.ts';
import { BACKOFF_MS, LEASE_MS, MAX_ATTEMPTS } from '../src/modules/scheduler/delivery.ts';
import {
  addPerson,
  client,
  createTeam,
  expectProblem,
  PASSWORD,
  sessionToken,
  signUpOrg,
  uniqueEmail,
} from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { header, headerBlock, linkIn, type MailServer, startMailServer } from './helpers/mail.ts';

const PUBLIC = 'https://leeway.example.test';
let t: TestApp;
let mail: MailServer;

beforeAll(async () => {
  mail = await startMailServer();
  t = await createTestApp(
    { smtpUrl: mail.url, publicUrl: PUBLIC, mailFrom: 'Leeway <leeway@example.test>' },
    undefined,
    undefined,
    { webhooks: { resolve: fakeDns, post: async () => {} } },
  );
});
afterAll(async () => {
  await t?.close();
  await mail?.close();
});
beforeEach(() => mail.set({ kind: 'accept' }));

/** hooks.slack.com is public; a name under webhook.office.com points at a private address. */
const fakeDns = async (host: string) =>
  host === 'private.webhook.office.com' ? ['10.1.2.3'] : ['34.226.36.1'];

const run = () => t.app.scheduler.runOnce();

async function outboxOf(admin: ReturnType<typeof client>) {
  const res = await admin.get('/api/outbox?limit=200');
  expect(res.status).toBe(200);
  return res.body.messages as {
    kind: string;
    to: string;
    status: string;
    attempts: number;
    lastError: string | null;
    body: string;
  }[];
}

describe('e-mail over SMTP', () => {
  it('delivers an invitation as multipart text + HTML with its link and one-click unsubscribe', async () => {
    const org = await signUpOrg(t.app, { orgName: 'Acme & Co' });
    const team = await createTeam(org.admin, 'Platform');
    const email = uniqueEmail('invitee');
    const created = await org.admin.post('/api/invitations', {
      email,
      name: 'Grace Hopper',
      role: 'member',
      teamId: team.id,
    });
    expect(created.status).toBe(201);
    await run();
    await mail.waitFor(() => mail.to(email).length === 1);
    const [message] = mail.to(email);
    const { parsed } = message!;
    expect(message!.rcptTo).toEqual([email]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([
      { address: email, name: 'Grace Hopper' },
    ]);
    expect(parsed.from?.value[0]?.address).toBe('leeway@example.test');
    expect(parsed.subject).toBe('Ada Admin invited you to Acme & Co on Leeway');
    const link = linkIn(parsed.text ?? '', `${PUBLIC}/accept?token=`);
    expect(link).toBe(created.body.url.replace(/^http:\/\/[^/]+/, PUBLIC));
    expect(parsed.text).toContain('Hello Grace Hopper,');
    expect(parsed.text).toContain('to join the team Platform');
    expect(parsed.text).toMatch(/expires on \w+day \d+ \w+ \d{4}, \d{2}:\d{2} \(UTC\)/);
    expect(parsed.html).toContain(`href="${link.replaceAll('&', '&amp;')}"`);
    expect(parsed.html).toContain('Acme &amp; Co');
    expect(header(message!.raw, 'List-Unsubscribe')).toMatch(
      new RegExp(`^<${PUBLIC}/api/notifications/unsubscribe\\?token=[\\w.%-]+>$`),
    );
    expect(header(message!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(parsed.messageId).toMatch(/@leeway\.example\.test>$/);

    // The recipient accepts from the e-mailed link.
    const token = decodeURIComponent(new URL(link).searchParams.get('token')!);
    const accepted = await client(t.app).post('/api/invitations/accept', {
      token,
      password: PASSWORD,
    });
    expect(accepted.status).toBe(201);
    const [row] = (await outboxOf(org.admin)).filter((m) => m.to === email);
    expect(row).toMatchObject({ kind: 'invitation', status: 'sent', attempts: 1 });
  });

  it('keeps CR/LF in names and subjects out of the headers (no injected recipient or header)', async () => {
    const org = await signUpOrg(t.app, { orgName: 'Evil\r\nBcc: boss@evil.test' });
    const email = uniqueEmail('victim');
    const res = await org.admin.post('/api/invitations', {
      email,
      name: 'Eve\r\nBcc: spy@evil.test\r\nX-Injected: yes <script>alert(1)</script>',
      role: 'admin',
    });
    expect(res.status).toBe(201);
    await run();
    await mail.waitFor(() => mail.to(email).length === 1);
    const [message] = mail.to(email);
    expect(message!.rcptTo).toEqual([email]);
    expect(message!.parsed.bcc).toBeUndefined();
    expect(message!.parsed.headers.has('x-injected')).toBe(false);
    expect(headerBlock(message!.raw)).not.toMatch(/^(Bcc|X-Injected):/im);
    expect(message!.parsed.subject).not.toMatch(/[\r\n]/);
    expect(message!.parsed.html).not.toContain('<script>');
    expect(message!.parsed.html).toContain('&lt;script&gt;');
  });

  it('retries a temporary refusal with backoff, then shows a permanent failure to admins', async () => {
    const org = await signUpOrg(t.app);
    const email = uniqueEmail('flaky');
    mail.set({ kind: 'reject', code: 451, message: 'try again later' });
    await org.admin.post('/api/invitations', { email, name: 'Flaky', role: 'admin' });
    await run();
    let [row] = (await outboxOf(org.admin)).filter((m) => m.to === email);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toMatch(/451/);
    // Not due yet: nothing happens until the backoff has passed.
    await run();
    [row] = (await outboxOf(org.admin)).filter((m) => m.to === email);
    expect(row!.attempts).toBe(1);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      t.clock.advance(BACKOFF_MS[attempt - 1]!);
      await run();
    }
    [row] = (await outboxOf(org.admin)).filter((m) => m.to === email);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(mail.to(email)).toHaveLength(0);
  });

  it('fails at once on a permanent refusal (5xx)', async () => {
    const org = await signUpOrg(t.app);
    const email = uniqueEmail('nobody');
    mail.set({ kind: 'reject', code: 550, message: 'no such user' });
    await org.admin.post('/api/invitations', { email, name: 'Nobody', role: 'admin' });
    await run();
    const [row] = (await outboxOf(org.admin)).filter((m) => m.to === email);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.lastError).toMatch(/550/);
  });

  it('retries while the SMTP server is down, and delivers once it is back', async () => {
    const down = await startMailServer();
    const port = down.port;
    await down.close();
    const app = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${port}`, publicUrl: PUBLIC });
    try {
      const org = await signUpOrg(app.app);
      const email = uniqueEmail('later');
      await org.admin.post('/api/invitations', { email, name: 'Later', role: 'admin' });
      await app.app.scheduler.runOnce();
      const [row] = (await org.admin.get('/api/outbox')).body.messages;
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.lastError).toMatch(/ECONNREFUSED/);
      expect(row.nextAttemptAt).toBe(
        new Date(app.clock.now().getTime() + BACKOFF_MS[0]!).toISOString(),
      );
      const back = await startMailServer(port);
      try {
        app.clock.advance(BACKOFF_MS[0]!);
        await app.app.scheduler.runOnce();
        await back.next(email, /invited you/);
        const [sent] = (await org.admin.get('/api/outbox')).body.messages;
        expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
      } finally {
        await back.close();
      }
    } finally {
      await app.close();
    }
  });
});

describe('a worker that dies mid-send', () => {
  it('leaves its message leased; it is sent once, after the lease ran out (PGlite too)', async () => {
    const org = await signUpOrg(t.app);
    const email = uniqueEmail('lease');
    await org.admin.post('/api/invitations', { email, name: 'Lease', role: 'admin' });
    // A worker claims the message and is never heard of again.
    const now = t.clock.now();
    const claimed = await inTransaction(t.app.db, (tx) =>
      claimDue(tx, now, new Date(now.getTime() + LEASE_MS), 100),
    );
    expect(claimed.map((m) => m.toEmail)).toContain(email);
    await run();
    expect(mail.to(email)).toHaveLength(0);
    t.clock.advance(LEASE_MS);
    await run();
    await run();
    await mail.waitFor(() => mail.to(email).length === 1);
    expect(mail.to(email)).toHaveLength(1);
    const [row] = (await outboxOf(org.admin)).filter((m) => m.to === email);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('one-click unsubscribe', () => {
  it('works signed out from the List-Unsubscribe header, and only for that address and kind', async () => {
    const org = await signUpOrg(t.app);
    const email = uniqueEmail('unsub');
    await org.admin.post('/api/invitations', { email, name: 'Unsub', role: 'admin' });
    await run();
    await mail.waitFor(() => mail.to(email).length === 1);
    const url = header(mail.to(email)[0]!.raw, 'List-Unsubscribe')!.slice(1, -1);
    const path = url.slice(PUBLIC.length);
    const described = await client(t.app).get(path);
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ kind: 'invitation', email });
    const res = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    // A second invitation to that address is not sent.
    const again = await org.admin.post('/api/invitations', { email, name: 'Unsub', role: 'admin' });
    expect(again.status).toBe(201);
    await run();
    expect(mail.to(email)).toHaveLength(1);
    // A token altered by one character is refused and changes nothing.
    const token = new URL(url).searchParams.get('token')!;
    const forged = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}`;
    expectProblem(
      await client(t.app).post('/api/notifications/unsubscribe', { token: forged }),
      400,
    );
  });

  it('preferences switch a message off and on (GET/PATCH /api/me/notifications)', async () => {
    const org = await signUpOrg(t.app);
    const before = await org.admin.get('/api/me/notifications');
    expect(before.status).toBe(200);
    expect(Object.values(before.body).every((on) => on === true)).toBe(true);
    const off = await org.admin.patch('/api/me/notifications', { digest: false });
    expect(off.body.digest).toBe(false);
    expect(off.body.pulse_open).toBe(true);
    expectProblem(await org.admin.patch('/api/me/notifications', { nonsense: true }), 400);
    expectProblem(await org.admin.patch('/api/me/notifications', {}), 400);
    const on = await org.admin.patch('/api/me/notifications', { digest: true });
    expect(on.body.digest).toBe(true);
  });
});

describe('password reset', () => {
  it('answers 202 alike for known and unknown addresses, and mails a single-use link that signs in', async () => {
    const org = await signUpOrg(t.app);
    const unknown = await client(t.app).post('/api/auth/password-reset', {
      email: uniqueEmail('ghost'),
    });
    const known = await client(t.app).post('/api/auth/password-reset', { email: org.adminEmail });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    await run();
    const [message] = await mail.next(org.adminEmail, /Reset your Leeway password/);
    const { parsed } = message!;
    expect(parsed.subject).toBe('Reset your Leeway password');
    expect(header(message!.raw, 'List-Unsubscribe')).toBeUndefined();
    const link = linkIn(parsed.text ?? '', `${PUBLIC}/reset-password?token=`);
    expect(parsed.html).toContain(link);
    const token = decodeURIComponent(new URL(link).searchParams.get('token')!);

    // Only a hash is stored: not in the reset row, not in the outbox.
    const [reset] = await t.app.db.select().from(schema.passwordResets);
    expect(JSON.stringify(await t.app.db.select().from(schema.passwordResets))).not.toContain(
      token,
    );
    expect(reset).toBeDefined();
    expect(JSON.stringify(await outboxOf(org.admin))).not.toContain(token);

    const confirmed = await client(t.app).post('/api/auth/password-reset/confirm', {
      token,
      password: 'a brand new password',
    });
    expect(confirmed.status).toBe(200);
    const signedIn = client(t.app, sessionToken(confirmed.headers));
    expect((await signedIn.get('/api/me')).body.user.email).toBe(org.adminEmail);
    // The old session ended, the old password no longer works, the link works once.
    expectProblem(await org.admin.get('/api/me'), 401);
    expectProblem(
      await client(t.app).post('/api/auth/login', { email: org.adminEmail, password: PASSWORD }),
      401,
    );
    expectProblem(
      await client(t.app).post('/api/auth/password-reset/confirm', {
        token,
        password: 'another new password',
      }),
      410,
    );
  });

  it('expires after 30 minutes', async () => {
    const org = await signUpOrg(t.app);
    await client(t.app).post('/api/auth/password-reset', { email: org.adminEmail });
    await run();
    const [message] = await mail.next(org.adminEmail, /Reset your Leeway password/);
    const link = linkIn(message!.parsed.text ?? '', `${PUBLIC}/reset-password`);
    const token = decodeURIComponent(new URL(link).searchParams.get('token')!);
    t.clock.advance(30 * 60_000);
    expectProblem(
      await client(t.app).post('/api/auth/password-reset/confirm', {
        token,
        password: 'a brand new password',
      }),
      410,
    );
  });

  it('is rate limited per address', async () => {
    const app = await createTestApp({
      smtpUrl: mail.url,
      loginRateLimit: { perAccount: 3, perAddress: 1000, windowMs: 60_000 },
    });
    try {
      const email = uniqueEmail('spam');
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await client(app.app).post('/api/auth/password-reset', { email })).status);
      }
      expect(statuses).toEqual([202, 202, 202, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('account', () => {
  it('changes name and password; the old password and other sessions stop working', async () => {
    const org = await signUpOrg(t.app);
    const renamed = await org.admin.patch('/api/me', { name: 'Ada Lovelace' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.user.name).toBe('Ada Lovelace');
    expectProblem(await org.admin.patch('/api/me', { name: '   ' }), 400);
    expectProblem(
      await org.admin.post('/api/me/password', {
        currentPassword: 'wrong password',
        newPassword: 'a brand new password',
      }),
      400,
    );
    const changed = await org.admin.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(changed.status).toBe(200);
    expectProblem(await org.admin.get('/api/me'), 401);
    expect((await client(t.app, sessionToken(changed.headers)).get('/api/me')).status).toBe(200);
    const login = await client(t.app).post('/api/auth/login', {
      email: org.adminEmail,
      password: 'a brand new password',
    });
    expect(login.status).toBe(200);
  });
});

describe('team chat webhooks', () => {
  it('refuses anything but https to Slack or Teams hosts on public addresses (400), changing nothing', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const put = (url: string) => org.admin.send('PUT', `/api/teams/${team.id}/webhook`, { url });
    for (const url of [
      'http://hooks.slack.com/services/T000/B000/hookSecret',
      'https://evil.example.com/services/T000/B000/hookSecret',
      'https://hooks.slack.com.evil.example.com/services/T000/B000/hookSecret',
      'https://10.0.0.1/services/T000/B000/hookSecret',
      'https://[::1]/services/x',
      'https://169.254.169.254/latest/meta-data',
      'https://user:pw@hooks.slack.com/services/T000/B000/hookSecret',
      'https://hooks.slack.com:8443/services/T000/B000/hookSecret',
      'https://private.webhook.office.com/webhookb2/abc', // resolves to a private address below
      'not a url at all',
    ]) {
      expectProblem(await put(url), 400);
    }
    expect((await org.admin.get(`/api/teams/${team.id}/webhook`)).body).toEqual({
      service: null,
      host: null,
    });
    const ok = await put('https://hooks.slack.com/services/T000/B000/hookSecret');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ service: 'slack', host: 'hooks.slack.com' });
    const member = await addPerson(t.app, org.admin, 'member', team.id);
    expectProblem(
      await member.api.send('PUT', `/api/teams/${team.id}/webhook`, {
        url: 'https://hooks.slack.com/services/T000/B000/YYYY',
      }),
      403,
    );
  });
});
