import { schema } from '@leeway/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  type Client,
  client,
  createTeam,
  type Org,
  PASSWORD,
  sessionToken,
  signUpOrg,
} from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { type MailServer, startMailServer } from './helpers/mail.ts';
import { quickMembers } from './helpers/world.ts';

/**
 * The scheduled messages of one org in Europe/Berlin, across the start of summer time (Sunday
 * 28 March 2027): the pulse opens on Monday at 08:30 local and the reminder goes on Wednesday at
 * 17:00 local, whatever the offset from UTC that week.
 */
const PUBLIC = 'https://leeway.example.test';
let t: TestApp;
let mail: MailServer;
let org: Org;
let platform: { id: string; name: string };
let small: { id: string; name: string };
let members: { id: string; email: string; api: Client }[];
let smallMembers: { id: string; email: string }[];
let lead: { email: string };
let smallLead: { email: string };
const chat: { url: string; text: string }[] = [];

beforeAll(async () => {
  mail = await startMailServer();
  t = await createTestApp({ smtpUrl: mail.url, publicUrl: PUBLIC }, undefined, undefined, {
    webhooks: {
      resolve: async () => ['34.226.36.1'],
      post: async (url, payload) => void chat.push({ url, text: payload.text }),
    },
  });
  org = await signUpOrg(t.app, { timezone: 'Europe/Berlin', orgName: 'Northwind' });
  expect(
    (
      await org.admin.patch('/api/org/settings', {
        pulseOpensAt: '08:30',
        reminderDay: 'wednesday',
        reminderAt: '17:00',
      })
    ).body,
  ).toMatchObject({ pulseOpensAt: '08:30', reminderDay: 'wednesday', reminderAt: '17:00' });
  platform = await createTeam(org.admin, 'Platform');
  small = await createTeam(org.admin, 'Small');
  lead = await addPerson(t.app, org.admin, 'lead', platform.id);
  smallLead = await addPerson(t.app, org.admin, 'lead', small.id);
  members = await quickMembers(t.app, org.orgId, platform.id, 6);
  smallMembers = await quickMembers(t.app, org.orgId, small.id, 2);
  const hook = await org.admin.send('PUT', `/api/teams/${platform.id}/webhook`, {
    url: 'https://hooks.slack.com/services/T000/B000/hookSecret',
  });
  expect(hook.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await mail?.close();
});

const run = () => t.app.scheduler.runOnce();
/** Sessions last 14 days and these tests cross months: the admin signs in again. */
async function admin(): Promise<Client> {
  const res = await client(t.app).post('/api/auth/login', {
    email: org.adminEmail,
    password: PASSWORD,
  });
  return client(t.app, sessionToken(res.headers));
}
const at = (iso: string) => t.clock.set(new Date(iso));
const subjects = (email: string) => mail.to(email).map((m) => m.parsed.subject ?? '');

describe('the pulse is open, in the org’s time zone and across DST', () => {
  it('opens at 08:30 CET (07:30 UTC) in winter', async () => {
    at('2027-03-22T07:29:00Z');
    await run();
    expect(subjects(members[0]!.email).filter((s) => s.includes('2027-W12'))).toEqual([]);
    at('2027-03-22T07:30:00Z');
    await run();
    await mail.waitFor(() =>
      members.every((m) => subjects(m.email).some((s) => s.includes('2027-W12'))),
    );
    const [message] = mail.to(members[0]!.email, /pulse is open \(2027-W12\)/);
    expect(message!.parsed.text).toContain(`${PUBLIC}/pulse`);
    expect(message!.parsed.text).toMatch(
      /closes on Monday 29 March 2027, 00:00 \(Europe\/Berlin\)/,
    );
    expect(message!.parsed.html).toContain(`href="${PUBLIC}/pulse"`);
  });

  it('opens at 08:30 CEST (06:30 UTC) after the change to summer time', async () => {
    at('2027-03-29T06:29:00Z');
    await run();
    expect(subjects(members[0]!.email).filter((s) => s.includes('2027-W13'))).toEqual([]);
    at('2027-03-29T06:30:00Z');
    await run();
    await mail.waitFor(() =>
      members.every((m) => subjects(m.email).some((s) => s.includes('2027-W13'))),
    );
  });

  it('sends nothing to people who are not members: admins and leads get no pulse', async () => {
    for (const email of [org.adminEmail, lead.email, smallLead.email]) {
      expect(subjects(email).filter((s) => /pulse/i.test(s))).toEqual([]);
    }
  });

  it('sends each message once, however often the scheduler runs', async () => {
    const before = mail.delivered.length;
    await Promise.all([run(), run(), run()]);
    expect(mail.delivered.length).toBe(before);
    const ids = mail.delivered.map((d) => d.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the reminder', () => {
  it('goes on Wednesday 17:00 local to those who have not answered, and is listed nowhere', async () => {
    at('2027-03-31T10:00:00Z');
    // Everyone in Platform but the last answers; nobody in Small does.
    for (const member of members.slice(0, 5)) {
      const pulse = await member.api.get('/api/pulse');
      const res = await member.api.post('/api/pulse/responses', {
        pulseId: pulse.body.pulseId,
        answers: { energy: 4, autonomy: 4, voice: 3, growth: 4, trust: 5, enps: 9 },
      });
      expect(res.status).toBe(201);
    }
    at('2027-03-31T14:59:00Z');
    await run();
    expect(mail.delivered.filter((d) => /A minute for/.test(d.parsed.subject ?? ''))).toEqual([]);
    at('2027-03-31T15:00:00Z');
    await run();
    const reminded = [members[5]!, ...smallMembers].map((m) => m.email).sort();
    await mail.waitFor(() => reminded.every((e) => mail.to(e, /A minute for/).length === 1));
    const all = mail.delivered.filter((d) => /A minute for/.test(d.parsed.subject ?? ''));
    expect(all.flatMap((d) => d.rcptTo).sort()).toEqual(reminded);
    // One recipient per message, and no admin, lead or outbox learns who was reminded.
    expect(all.every((d) => d.rcptTo.length === 1 && !d.parsed.cc && !d.parsed.bcc)).toBe(true);
    const outbox = (await (await admin()).get('/api/outbox?limit=200')).body.messages;
    expect(outbox.some((m: { kind: string }) => m.kind === 'pulse_reminder')).toBe(false);
    for (const email of [org.adminEmail, lead.email]) {
      expect(mail.to(email, /A minute for/)).toEqual([]);
    }
  });
});

describe('when the week closes', () => {
  it('tells leads the results with published figures only, and the team’s channel too', async () => {
    at('2027-04-05T06:30:00Z'); // Monday of 2027-W14, 08:30 CEST
    await run();
    const [platformResults] = await mail.next(lead.email, /Results of 2027-W13 are ready/);
    const trends = await (await admin()).get(
      `/api/teams/${platform.id}/trends?from=2027-W13&to=2027-W13`,
    );
    const week = trends.body.weeks[0];
    expect(week.suppressed).toBe(false);
    const text = platformResults!.parsed.text ?? '';
    expect(text).toContain(`Engagement: ${week.engagement.mean.toFixed(0)} of 100`);
    expect(text).toContain(`Participation: ${Math.round(week.participation * 100)} % (5 people)`);
    expect(text).toContain(`${PUBLIC}/teams/${platform.id}`);

    const [smallResults] = await mail.next(smallLead.email, /Results of 2027-W13 are ready/);
    expect(smallResults!.parsed.text).toContain('hidden');
    expect(smallResults!.parsed.text).not.toMatch(/Engagement|Participation|eNPS/);

    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (chat.some((c) => c.text.startsWith('Results of 2027-W13'))) return resolve();
        if (Date.now() - started > 10_000) return reject(new Error('no chat message'));
        setImmediate(check);
      };
      check();
    });
    const results = chat.find((c) => c.text.startsWith('Results of 2027-W13'))!;
    expect(results.url).toBe('https://hooks.slack.com/services/T000/B000/hookSecret');
    expect(results.text).toContain(`Engagement: ${week.engagement.mean.toFixed(0)} of 100`);
    expect(chat.some((c) => c.text.startsWith('The pulse of Platform for 2027-W13 is open'))).toBe(
      true,
    );
    // Nothing about the week in progress, and no person.
    expect(chat.every((c) => !c.text.includes('2027-W14') || c.text.includes('is open'))).toBe(
      true,
    );
  });

  it('sends admins a digest of published figures', async () => {
    const [digest] = await mail.next(org.adminEmail, /weekly digest for 2027-W13/);
    const trends = await (await admin()).get('/api/org/trends?from=2027-W13&to=2027-W13');
    const week = trends.body.weeks[0];
    expect(digest!.parsed.text).toContain(
      `2027-W13: engagement ${week.engagement.mean.toFixed(0)} of 100, participation ${Math.round(week.participation * 100)} %`,
    );
    expect(digest!.parsed.html).toContain('weekly digest'.length > 0 ? 'Northwind' : '');
  });

  it('tells a lead once that their experiment ends this week, and once that nothing is planned next', async () => {
    await t.app.db.insert(schema.experiments).values({
      orgId: org.orgId,
      teamId: platform.id,
      type: 'custom',
      title: 'The team sets its own deadlines',
      hypothesis: 'It helps.',
      startWeek: '2027-W13',
      endWeek: '2027-W15',
      durationWeeks: 3,
      baselineWeeks: 2,
      createdAt: t.clock.now(),
    });
    at('2027-04-12T06:30:00Z'); // Monday of 2027-W15
    await run();
    await run();
    const ending = await mail.next(lead.email, /Your experiment ends this week/);
    expect(ending).toHaveLength(1);
    expect(ending[0]!.parsed.date?.toISOString()).toBe('2027-04-12T06:30:00.000Z');
    // Told once when the team had never planned one (2027-W12), once now that this one ends.
    const nothing = await mail.next(lead.email, /No experiment planned/);
    expect(nothing.map((m) => /planned for (\S+)\./.exec(m.parsed.text ?? '')?.[1])).toEqual([
      '2027-W13',
      '2027-W16',
    ]);
    at('2027-04-19T06:30:00Z'); // the week after: the same gap is not told again
    await run();
    expect(mail.to(lead.email, /No experiment planned/)).toHaveLength(2);
  });
});

describe('you were added to a team', () => {
  it('tells a person an admin moved into a team', async () => {
    const person = smallMembers[0]!;
    const res = await (await admin()).patch(`/api/people/${person.id}`, { teamId: platform.id });
    expect(res.status).toBe(200);
    await run();
    const [added] = await mail.next(person.email, /You were added to the team Platform/);
    expect(added!.parsed.text).toContain('Platform');
  });
});
