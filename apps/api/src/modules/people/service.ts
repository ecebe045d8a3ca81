import type { PeopleList, PersonSummary, UpdateUserBody } from '@leeway/contracts';
import type { Executor } from '@leeway/db';
import type { Ctx } from '../../lib/context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { type AuditRecord, recordAudit } from '../audit/repository.ts';
import * as teamsRepo from '../teams/repository.ts';
import * as repo from './repository.ts';

async function personSummary(ctx: Ctx, userId: string): Promise<PersonSummary> {
  const list = await listPeople(ctx, userId);
  const person = list.people[0];
  if (!person) throw notFound('Person');
  return person;
}

/** The org's people, or only the one with `onlyUserId`. */
export async function listPeople(ctx: Ctx, onlyUserId?: string): Promise<PeopleList> {
  const { orgId } = ctx.caller;
  const [users, memberships, leads] = await Promise.all([
    repo.listUsers(ctx.db, orgId, onlyUserId),
    repo.currentMembershipsOfOrg(ctx.db, orgId),
    repo.leadsOfOrg(ctx.db, orgId),
  ]);
  const teamOf = new Map(memberships.map((m) => [m.userId, m.teamId]));
  return {
    people: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      teamId: teamOf.get(u.id) ?? null,
      leads: leads.filter((l) => l.userId === u.id).map((l) => l.teamId),
      active: u.deactivatedAt === null,
    })),
  };
}

/**
 * Changes a person's role, team, led teams or whether they are active — together, in one
 * transaction, or refused whole with the rule that forbids it. A role change ends their sessions
 * at once (auth_version); a team change closes the current membership and opens a new one, so
 * past weeks keep counting them where they were. Every change is in the audit log.
 */
export async function updatePerson(
  ctx: Ctx,
  userId: string,
  input: UpdateUserBody,
): Promise<PersonSummary> {
  const { orgId } = ctx.caller;
  const now = ctx.clock.now();
  const audit = { orgId, actorId: ctx.caller.userId, subjectUserId: userId, at: now };
  if (input.active === false) {
    if (Object.keys(input).length > 1) {
      throw conflict('Deactivate a person on its own, without other changes.');
    }
    await deactivatePerson(ctx, userId);
    return personSummary(ctx, userId);
  }
  await inTransaction(ctx.db, async (tx) => {
    const events: AuditRecord[] = [];
    const user = await repo.lockUser(tx, orgId, userId);
    if (!user) throw notFound('Person');
    if (user.deactivatedAt) {
      if (input.active !== true) {
        throw conflict(`${user.name} is deactivated. Reactivate them first.`);
      }
      await repo.reactivateUser(tx, userId);
      events.push({ ...audit, action: 'person.reactivated', detail: { role: user.role } });
    }
    const role = input.role ?? user.role;
    if (input.leads !== undefined && input.leads.length > 0 && role !== 'lead') {
      throw conflict(`Only a lead leads teams: make ${user.name} a lead to give them teams.`);
    }
    if (input.role !== undefined && input.role !== user.role) {
      if (user.id === ctx.caller.userId) throw conflict('You cannot change your own role.');
      await repo.setRole(tx, userId, input.role);
      events.push({
        ...audit,
        action: 'role.changed',
        detail: { from: user.role, to: input.role },
      });
      if (input.role !== 'lead') {
        for (const teamId of await repo.removeLeads(tx, userId)) {
          events.push({ ...audit, action: 'lead.removed', teamId, detail: { reason: 'role' } });
        }
      }
    }
    if (input.teamId !== undefined) {
      if (input.teamId !== null) {
        const team = await teamsRepo.findTeam(tx, orgId, input.teamId);
        if (!team) throw notFound('Team');
        const leadsAfter = input.leads ?? (await repo.leadTeamIds(tx, userId));
        if (leadsAfter.includes(input.teamId)) {
          throw conflict(
            `${user.name} leads ${team.name}, and a lead is never a member of a team they lead (they would rate themselves).`,
          );
        }
      }
      const current = await repo.currentMembership(tx, userId);
      if (current?.teamId !== input.teamId) {
        if (current) await repo.closeMembership(tx, userId, now);
        if (input.teamId !== null) {
          await teamsRepo.addMembership(tx, { orgId, userId, teamId: input.teamId, joinedAt: now });
        }
        events.push(membershipChange(audit, current?.teamId ?? null, input.teamId));
      }
    }
    if (input.leads !== undefined) {
      events.push(...(await setLeads(tx, { orgId, user, teamIds: input.leads, audit })));
    }
    await recordAudit(tx, events);
  });
  return personSummary(ctx, userId);
}

/**
 * Makes `teamIds` exactly the teams a person leads: every team must be the org's, and none the
 * team they are a member of. Returns the audit events of what changed.
 */
async function setLeads(
  tx: Executor,
  input: {
    orgId: string;
    user: { id: string; name: string };
    teamIds: string[];
    audit: Omit<AuditRecord, 'action'>;
  },
): Promise<AuditRecord[]> {
  const { orgId, user, teamIds, audit } = input;
  const teams = await repo.findTeams(tx, orgId, teamIds);
  if (teams.length !== teamIds.length) throw notFound('Team');
  const membership = await repo.currentMembership(tx, user.id);
  const own = teams.find((t) => t.id === membership?.teamId);
  if (own) {
    throw conflict(
      `${user.name} is a member of ${own.name}, and a lead is never a member of a team they lead (they would rate themselves). Move them to another team first.`,
    );
  }
  const before = await repo.leadTeamIds(tx, user.id);
  const added = teamIds.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !teamIds.includes(id));
  for (const teamId of added) await teamsRepo.addLead(tx, { orgId, userId: user.id, teamId });
  if (removed.length > 0) await repo.removeLeads(tx, user.id, removed);
  return [
    ...added.map((teamId) => ({ ...audit, action: 'lead.assigned' as const, teamId })),
    ...removed.map((teamId) => ({ ...audit, action: 'lead.removed' as const, teamId })),
  ];
}

/** The audit event of a move from one team (or none) to another (or none). */
function membershipChange(
  audit: Omit<AuditRecord, 'action'>,
  from: string | null,
  to: string | null,
): AuditRecord {
  if (from === null) return { ...audit, action: 'membership.joined', teamId: to };
  if (to === null) return { ...audit, action: 'membership.left', teamId: from };
  return { ...audit, action: 'membership.moved', teamId: to, detail: { fromTeamId: from } };
}

/** Deactivates a person: every session ends, memberships close, and they can no longer sign in. */
export async function deactivatePerson(ctx: Ctx, userId: string) {
  const { orgId } = ctx.caller;
  if (userId === ctx.caller.userId) throw conflict('You cannot deactivate yourself.');
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (tx) => {
    const user = await repo.deactivateUser(tx, orgId, userId, now);
    if (!user) throw notFound('Person');
    const left = await repo.closeMembership(tx, userId, now);
    const unled = await repo.removeLeads(tx, userId);
    const audit = { orgId, actorId: ctx.caller.userId, subjectUserId: userId, at: now };
    const reason = { reason: 'deactivated' };
    await recordAudit(tx, [
      { ...audit, action: 'person.deactivated', detail: { role: user.role } },
      ...left.map((teamId) => ({
        ...audit,
        action: 'membership.left' as const,
        teamId,
        detail: reason,
      })),
      ...unled.map((teamId) => ({
        ...audit,
        action: 'lead.removed' as const,
        teamId,
        detail: reason,
      })),
    ]);
  });
}
