import { randomUUID } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { schema } from '@leeway/db';
import { desc, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import type { LeewayApp } from '../../src/app.ts';

export type Body = Record<string, unknown> | unknown[] | string | number | null;

export interface Response {
  status: number;
  body: any;
  headers: OutgoingHttpHeaders;
  raw: string;
}

/** Calls the API as a client would: JSON in, JSON (or problem+json) out, session as a Bearer token. */
export function client(app: LeewayApp, token?: string) {
  const send = async (
    method: InjectOptions['method'],
    url: string,
    body?: Body,
    headers: Record<string, string> = {},
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    });
    let parsed: unknown = null;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      parsed = res.body;
    }
    return {
      status: res.statusCode,
      body: parsed as any,
      headers: res.headers,
      raw: res.body,
    } satisfies Response;
  };
  return {
    token,
    get: (url: string) => send('GET', url),
    post: (url: string, body?: Body) => send('POST', url, body ?? {}),
    patch: (url: string, body?: Body) => send('PATCH', url, body ?? {}),
    delete: (url: string) => send('DELETE', url),
    send,
  };
}
export type Client = ReturnType<typeof client>;

export const PASSWORD = 'correct horse battery';

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
export const uniqueEmail = (prefix = 'user') => `${unique(prefix)}@example.test`;

/** The session token the API put in its cookie. */
export function sessionToken(headers: Response['headers']): string {
  const raw = headers['set-cookie'];
  const cookies = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  const cookie = cookies.find((c) => c.startsWith('leeway_session='));
  if (!cookie) throw new Error('no session cookie in response');
  return cookie.split(';')[0]!.slice('leeway_session='.length);
}

export interface Org {
  orgId: string;
  admin: Client;
  adminId: string;
  adminEmail: string;
}

export async function signUpOrg(
  app: LeewayApp,
  options: { timezone?: string; orgName?: string } = {},
): Promise<Org> {
  const email = uniqueEmail('admin');
  const res = await client(app).post('/api/auth/signup', {
    orgName: options.orgName ?? unique('Org'),
    name: 'Ada Admin',
    email,
    password: PASSWORD,
    ...(options.timezone ? { timezone: options.timezone } : {}),
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.raw}`);
  const admin = client(app, sessionToken(res.headers));
  const me = await admin.get('/api/me');
  return { orgId: me.body.org.id, admin, adminId: res.body.user.id, adminEmail: email };
}

export async function createTeam(
  admin: Client,
  name = unique('Team'),
): Promise<{ id: string; name: string }> {
  const res = await admin.post('/api/teams', { name });
  if (res.status !== 201) throw new Error(`create team failed: ${res.status} ${res.raw}`);
  return res.body;
}

export interface Person {
  id: string;
  email: string;
  api: Client;
}

/**
 * The token in the newest invitation e-mail to this address, as its recipient reads it (a lead's
 * invitation answer never carries it).
 */
export async function mailedInvitationToken(app: LeewayApp, email: string): Promise<string> {
  const [message] = await app.db
    .select({ text: schema.outboxMessages.textBody })
    .from(schema.outboxMessages)
    .where(eq(schema.outboxMessages.toEmail, email))
    .orderBy(desc(schema.outboxMessages.seq))
    .limit(1);
  const token = message && /\/accept\?token=([^\s]+)/.exec(message.text)?.[1];
  if (!token) throw new Error(`no invitation e-mail to ${email}`);
  return decodeURIComponent(token);
}

/** Invites and accepts through the API, returning a signed-in client for the new person. */
export async function addPerson(
  app: LeewayApp,
  inviter: Client,
  role: 'admin' | 'lead' | 'member',
  teamId?: string,
): Promise<Person> {
  const email = uniqueEmail(role);
  const inv = await inviter.post('/api/invitations', {
    email,
    name: `${role} ${email.slice(0, 6)}`,
    role,
    ...(teamId ? { teamId } : {}),
  });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${inv.raw}`);
  const acc = await client(app).post('/api/invitations/accept', {
    token: inv.body.token ?? (await mailedInvitationToken(app, email)),
    password: PASSWORD,
  });
  if (acc.status !== 201) throw new Error(`accept failed: ${acc.status} ${acc.raw}`);
  return { id: acc.body.user.id, email, api: client(app, sessionToken(acc.headers)) };
}

export function expectProblem(res: Response, status: number) {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${res.raw.slice(0, 500)}`);
  }
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json'))
    throw new Error(`expected problem+json, got ${type}`);
  for (const key of ['type', 'title', 'status', 'detail']) {
    if (!(key in res.body)) throw new Error(`problem lacks ${key}: ${res.raw}`);
  }
  if (res.body.status !== status) throw new Error(`problem.status ${res.body.status} != ${status}`);
  return res.body as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: { field: string; message: string }[];
  };
}

/** A fresh session for someone (after a test moved the clock past their session's end). */
export async function signIn(app: LeewayApp, email: string, password = PASSWORD): Promise<Client> {
  const res = await client(app).post('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.raw}`);
  return client(app, sessionToken(res.headers));
}
