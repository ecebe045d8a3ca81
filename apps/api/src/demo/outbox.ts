import { manualClock } from '@leeway/domain/clock';
import { addWeeks, weekOf } from '@leeway/domain/weeks';
import type { LeewayApp } from '../app.ts';
import type { Ctx } from '../lib/context.ts';
import { createInvitation } from '../modules/invitations/service.ts';
import * as outboxRepo from '../modules/outbox/repository.ts';
import * as peopleRepo from '../modules/people/repository.ts';
import { momentsOf, planOrg } from '../modules/scheduler/planner.ts';
import * as settingsRepo from '../modules/settings/repository.ts';
import * as teamsRepo from '../modules/teams/repository.ts';

/**
 * The demo's outbox as if Leeway had been running: the scheduler replayed at the moments of the
 * last weeks (pulse open, reminder, results, digests: the real messages, with the real published
 * figures), an invitation waiting to be accepted, and one that bounced. Without SMTP_URL the
 * history is `kept`; with it, it reads as sent.
 */
export async function seedOutboxHistory(app: LeewayApp, orgId: string, hrId: string) {
  const org = await settingsRepo.findOrg(app.db, orgId);
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

  const hr = await peopleRepo.findUser(app.db, hrId);
  // Team names are unique per org whatever their case, so this is the one named 'Platform'.
  const platform = await teamsRepo.findTeamByName(app.db, orgId, 'Platform');
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
  await outboxRepo.markFailed(
    app.db,
    `invitation:${bounced.id}`,
    '550 5.1.1 <j.doe@northwind-old.example>: Recipient address rejected: mailbox unavailable',
  );
  if (app.config.smtpUrl) {
    // With a mail server the history reads as delivered, a few seconds after it was written.
    const rows = await outboxRepo.keptMessages(app.db, orgId);
    for (const row of rows) {
      await outboxRepo.markSent(app.db, row.id, new Date(row.createdAt.getTime() + 4_000));
    }
  }
}
