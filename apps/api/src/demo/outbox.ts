import { schema } from '@leeway/db';
import { manualClock } from '@leeway/domain/clock';
import { addWeeks, weekOf } from '@leeway/domain/weeks';
import { and, eq, inArray } from 'drizzle-orm';
import type { LeewayApp } from '../app.ts';
import type { Ctx } from '../lib/context.ts';
import { createInvitation } from '../modules/invitations/service.ts';
import { momentsOf, planOrg } from '../modules/scheduler/planner.ts';

/**
 * The demo's outbox as if Leeway had been running: the scheduler replayed at the moments of the
 * last weeks (pulse open, reminder, results, digests: the real messages, with the real published
 * figures), an invitation waiting to be accepted, and one that bounced. Without SMTP_URL the
 * history is `kept`; with it, it reads as sent.
 */
export async function seedOutboxHistory(app: LeewayApp, orgId: string, hrId: string) {
  const [org] = await app.db.select().from(schema.orgs).where(eq(schema.orgs.id, orgId));
  if (!org) return;
  const now = app.clock.now();
  const current = weekOf(now, org);
  const config = { ...app.config, smtpUrl: undefined };
  for (const week of [-3, -2, -1, 0].map((n) => addWeeks(current, n))) {
    const { pulseOpens, reminder } = momentsOf(org, week);
    for (const moment of [pulseOpens, reminder]) {
      const at = new Date(moment.getTime() + 60_000);
      if (at > now) continue;
      await planOrg({ db: app.db, clock: manualClock(at), config }, org);
    }
  }

  const [hr] = await app.db.select().from(schema.users).where(eq(schema.users.id, hrId));
  const [platform] = await app.db
    .select()
    .from(schema.teams)
    .where(and(eq(schema.teams.orgId, orgId), eq(schema.teams.name, 'Platform')));
  if (!hr || !platform) return;
  const ctx: Ctx = {
    db: app.db,
    clock: manualClock(new Date(now.getTime() - 26 * 3_600_000)),
    config,
    caller: {
      userId: hr.id,
      sessionId: '',
      orgId,
      role: 'admin',
      name: hr.name,
      email: hr.email,
      leadTeamIds: [],
      memberTeamId: null,
      org: {
        id: org.id,
        name: org.name,
        timezone: org.timezone,
        earlierZones: org.earlierZones,
        minGroupSize: org.minGroupSize,
        baselineWeeks: org.baselineWeeks,
        createdAt: org.createdAt,
      },
    },
  };
  const origin = config.publicUrl ?? `http://localhost:${config.port}`;
  await createInvitation(
    ctx,
    {
      email: 'noor.haddad@northwind.example',
      name: 'Noor Haddad',
      role: 'member',
      teamId: platform.id,
    },
    { origin },
  );
  const bounced = await createInvitation(
    ctx,
    {
      email: 'j.doe@northwind-old.example',
      name: 'Jamie Doe',
      role: 'member',
      teamId: platform.id,
    },
    { origin },
  );
  const o = schema.outboxMessages;
  await app.db
    .update(o)
    .set({
      status: 'failed',
      attempts: 1,
      lastError:
        '550 5.1.1 <j.doe@northwind-old.example>: Recipient address rejected: mailbox unavailable',
    })
    .where(eq(o.dedupeKey, `invitation:${bounced.id}`));
  if (app.config.smtpUrl) {
    // With a mail server the history reads as delivered, a few seconds after it was written.
    const rows = await app.db
      .select({ id: o.id, createdAt: o.createdAt })
      .from(o)
      .where(and(eq(o.orgId, orgId), eq(o.status, 'kept')));
    for (const row of rows) {
      await app.db
        .update(o)
        .set({ status: 'sent', attempts: 1, sentAt: new Date(row.createdAt.getTime() + 4_000) })
        .where(inArray(o.id, [row.id]));
    }
  }
}
