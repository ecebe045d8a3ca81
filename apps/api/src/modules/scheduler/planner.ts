import type { Db } from '@leeway/db';
import type { Clock } from '@leeway/domain/clock';
import { localMoment, type Weekday } from '@leeway/domain/local-time';
import { addWeeks, compareWeeks, weekBounds, weekOf } from '@leeway/domain/weeks';
import { type Config, linkBase } from '../../config.ts';
import type { Ctx } from '../../lib/context.ts';
import { inTransaction } from '../../lib/transaction.ts';
import {
  type DigestFigures,
  digestMessage,
  experimentEndingMessage,
  noExperimentMessage,
  pulseOpenMessage,
  reminderMessage,
  resultsReadyMessage,
  type TeamWeekFigures,
  teamAddedMessage,
  teamWeekFacts,
} from '../mail/messages.ts';
import { enqueue, type Message } from '../outbox/service.ts';
import { orgWeeks } from '../publication/org-weeks.ts';
import * as publication from '../publication/service.ts';
import * as repo from './repository.ts';

export interface PlanDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

/** The moments of an org's week at which messages go out, in its own zone (DST-safe). */
export function momentsOf(org: repo.OrgRow, week: string) {
  return {
    pulseOpens: localMoment(week, org, 'monday', org.pulseOpensAt),
    reminder: localMoment(week, org, org.reminderDay as Weekday, org.reminderAt),
    closes: weekBounds(week, org).closesAt,
  };
}

/** Publication reads for an org without a signed-in person: figures as an admin may see them. */
function orgCtx(deps: PlanDeps, org: repo.OrgRow): Ctx {
  return {
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    caller: {
      userId: 'leeway-scheduler',
      sessionId: '',
      orgId: org.id,
      role: 'admin',
      name: 'Leeway',
      email: '',
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
}

/**
 * Writes to the outbox every message of an org that is due at `now` and not written yet. Each
 * has a key naming it once, so running this again — in this instance, another one, after a
 * crash — writes nothing twice. Only the week in progress is looked at: a server that was down
 * for a whole week does not send last week's "pulse is open" late.
 */
export async function planOrg(deps: PlanDeps, org: repo.OrgRow): Promise<number> {
  const now = deps.clock.now();
  const recipientOrg = { orgId: org.id, orgName: org.name };
  const { config } = deps;
  const added = await repo.recentlyAdded(deps.db, org.id, new Date(now.getTime() - WEEK_MS));
  const written = await write(
    deps,
    added.map((a) =>
      teamAddedMessage(
        config,
        { ...recipientOrg, ...a },
        { membershipId: a.membershipId, teamName: a.teamName },
      ),
    ),
  );
  return written + (await planWeek(deps, org));
}

const WEEK_MS = 7 * 24 * 3_600_000;

/** Writes the messages whose key is not in the outbox yet. */
async function write(deps: PlanDeps, messages: Message[]): Promise<number> {
  if (messages.length === 0) return 0;
  const known = await repo.existingKeys(
    deps.db,
    messages.map((m) => m.key),
  );
  const fresh = messages.filter((m) => !known.has(m.key));
  if (fresh.length === 0) return 0;
  return inTransaction(deps.db, (tx) => enqueue(tx, deps.config, fresh, deps.clock.now()));
}

async function planWeek(deps: PlanDeps, org: repo.OrgRow): Promise<number> {
  const now = deps.clock.now();
  const week = weekOf(now, org);
  const { pulseOpens, reminder, closes } = momentsOf(org, week);
  if (now < pulseOpens) return 0;
  const recipientOrg = { orgId: org.id, orgName: org.name };
  const messages: Message[] = [];
  const { config } = deps;
  const members = await repo.currentMembers(deps.db, org.id, now);
  const webhooks = await repo.webhooksOf(deps.db, org.id);

  for (const m of members) {
    messages.push(
      pulseOpenMessage(
        config,
        { ...recipientOrg, ...m },
        { week, teamName: m.teamName, closesAt: closes, timezone: org.timezone },
      ),
    );
  }
  if (now >= reminder && now < closes) {
    const answered = await repo.answeredThisWeek(deps.db, org.id, week);
    for (const m of members) {
      if (answered.has(m.userId)) continue;
      messages.push(
        reminderMessage(
          config,
          { ...recipientOrg, ...m },
          { week, teamName: m.teamName, closesAt: closes, timezone: org.timezone },
        ),
      );
    }
  }

  // Monday's messages about the week that just closed, read from the publication.
  const ctx = orgCtx(deps, org);
  await publication.ensurePublished(ctx);
  const closed = addWeeks(week, -1);
  const leads = await repo.teamsWithLeads(deps.db, org.id);
  const teams = await repo.teamsOf(deps.db, org.id);
  const figures = new Map<string, TeamWeekFigures>();
  // One read for every team's cell of the closed week; a team absent from it did not exist yet.
  for (const cell of await publication.orgCells(ctx, closed, closed)) {
    if (cell.state === 'no_data') continue;
    const aggregate = publication.cellAggregate(cell);
    figures.set(cell.teamId, {
      published: !aggregate.suppressed,
      reason: aggregate.reason,
      engagement: aggregate.engagement?.mean ?? null,
      participation: aggregate.participation,
      respondents: aggregate.respondents,
      enps: aggregate.enps,
    });
  }
  for (const lead of leads) {
    const teamFigures = figures.get(lead.teamId);
    if (!teamFigures) continue;
    messages.push(
      resultsReadyMessage(
        config,
        { ...recipientOrg, ...lead },
        { teamId: lead.teamId, teamName: lead.teamName, week: closed, figures: teamFigures },
      ),
    );
  }

  const experiments = await repo.experimentsOf(deps.db, org.id);
  const live = experiments.filter((e) => e.cancelledAt === null);
  const next = addWeeks(week, 1);
  for (const lead of leads) {
    const own = live.filter((e) => e.teamId === lead.teamId);
    for (const e of own) {
      if (e.endWeek === week && e.decision === null) {
        messages.push(
          experimentEndingMessage(
            config,
            { ...recipientOrg, ...lead },
            { experimentId: e.id, title: e.title, teamName: lead.teamName, week },
          ),
        );
      }
    }
    // Once after each experiment (or once for a team that never had one) when nothing follows.
    const planned = own.some((e) => e.startWeek <= next && next <= e.endWeek);
    if (!planned) {
      const last = own
        .filter((e) => e.endWeek < next)
        .sort((a, b) => (a.endWeek < b.endWeek ? 1 : -1))[0];
      messages.push(
        noExperimentMessage(
          config,
          { ...recipientOrg, ...lead },
          {
            teamId: lead.teamId,
            teamName: lead.teamName,
            nextWeek: next,
            after: last?.id ?? 'none',
          },
        ),
      );
    }
  }

  const admins = await repo.admins(deps.db, org.id);
  // No digest of a week before the org existed.
  if (admins.length > 0 && compareWeeks(closed, weekOf(org.createdAt, org)) >= 0) {
    const digest = await digestOf(ctx, closed, teams, live);
    for (const admin of admins) {
      messages.push(digestMessage(config, { ...recipientOrg, ...admin }, digest));
    }
  }

  // Chat channels: the pulse is open, and the published results of the week that closed.
  for (const hook of webhooks) {
    const team = teams.find((t) => t.id === hook.teamId);
    if (!team) continue;
    const chat = (kind: 'pulse_open' | 'results_ready', key: string, text: string): Message => ({
      orgId: org.id,
      kind,
      key,
      channel: hook.service,
      to: { email: `#${team.name}`, name: team.name },
      teamId: team.id,
      subject: text.split('\n')[0]!,
      text,
      reason: `Chat channel of ${team.name}`,
    });
    messages.push(
      chat(
        'pulse_open',
        `pulse_open:team:${team.id}:${week}`,
        `The pulse of ${team.name} for ${week} is open: ${linkBase(config)}/pulse`,
      ),
    );
    const teamFigures = figures.get(team.id);
    if (teamFigures) {
      const facts = teamWeekFacts(teamFigures)
        .map(([label, value]) => `${label}: ${value}`)
        .join('\n');
      messages.push(
        chat(
          'results_ready',
          `results_ready:team:${team.id}:${closed}`,
          `Results of ${closed} are ready for ${team.name}.\n${facts}`,
        ),
      );
    }
  }

  return write(deps, messages);
}

/** The admins' digest: org totals and team cells as published, experiments that completed. */
async function digestOf(
  ctx: Ctx,
  closed: string,
  teams: { id: string; name: string }[],
  experiments: { title: string; teamId: string; endWeek: string }[],
): Promise<DigestFigures> {
  const { org } = ctx.caller;
  const weeks = [3, 2, 1, 0].map((n) => addWeeks(closed, -n));
  const table = await orgWeeks(ctx, weeks);
  const trend = weeks.map((week) => {
    const entry = table.get(week);
    if (!entry || entry.total.hidden || entry.total.stats.n === 0)
      return { week, engagement: null, participation: null };
    const aggregate = publication.weekAggregate(
      week,
      entry.total.stats.n < org.minGroupSize ? 'fewer_than_k' : 'published',
      entry.total.stats,
      entry.total.members,
    );
    return {
      week,
      engagement: aggregate.engagement?.mean ?? null,
      participation: aggregate.participation,
    };
  });
  const before = table.get(addWeeks(closed, -1));
  const last = table.get(closed);
  const drops = teams
    .map((team) => {
      const from = before?.cells.get(team.id);
      const to = last?.cells.get(team.id);
      if (!from?.engagement || !to?.engagement || from.suppressed || to.suppressed) return null;
      return { teamName: team.name, from: from.engagement.mean, to: to.engagement.mean };
    })
    .filter((d): d is { teamName: string; from: number; to: number } => d !== null && d.to < d.from)
    .sort((a, b) => b.from - b.to - (a.from - a.to))
    .slice(0, 3);
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const completed = experiments
    .filter((e) => e.endWeek === closed)
    .map((e) => ({ title: e.title, teamName: names.get(e.teamId) ?? '' }));
  return { week: closed, trend, drops, completed };
}
