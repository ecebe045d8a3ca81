import type { CreateTeamBody, MemberList, Team, UpdateTeamBody } from '@leeway/contracts';
import { weekOf } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { conflict, isUniqueViolation, notFound } from '../../lib/errors.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { recordAudit } from '../audit/repository.ts';
import * as repo from './repository.ts';

const duplicateName = (name: string) => conflict(`A team named "${name}" already exists.`);

/** Admins see every team; leads the teams they lead; members their own team. */
export async function listTeams(ctx: Ctx): Promise<Team[]> {
  const { caller } = ctx;
  if (caller.role === 'admin') return repo.listTeams(ctx.db, caller.orgId);
  const ids = [...caller.leadTeamIds, ...(caller.memberTeamId ? [caller.memberTeamId] : [])];
  return repo.listTeams(ctx.db, caller.orgId, ids);
}

export async function getTeam(ctx: Ctx, teamId: string): Promise<Team> {
  const [team] = await repo.listTeams(ctx.db, ctx.caller.orgId, [teamId]);
  if (!team) throw notFound('Team');
  return team;
}

export async function createTeam(ctx: Ctx, input: CreateTeamBody): Promise<Team> {
  const { caller } = ctx;
  const name = input.name.trim();
  if (await repo.findTeamByName(ctx.db, caller.orgId, name)) throw duplicateName(name);
  try {
    const now = ctx.clock.now();
    const team = await inTransaction(ctx.db, async (tx) => {
      const inserted = await repo.insertTeam(tx, { orgId: caller.orgId, name, createdAt: now });
      await recordAudit(tx, [
        {
          orgId: caller.orgId,
          actorId: caller.userId,
          action: 'team.created',
          teamId: inserted.id,
          detail: { name },
          at: now,
        },
      ]);
      return inserted;
    });
    return { id: team.id, name: team.name, memberCount: 0, leads: [] };
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
}

export async function renameTeam(ctx: Ctx, teamId: string, input: UpdateTeamBody): Promise<Team> {
  const name = input.name.trim();
  const existing = await repo.findTeamByName(ctx.db, ctx.caller.orgId, name);
  if (existing && existing.id !== teamId) throw duplicateName(name);
  try {
    await inTransaction(ctx.db, async (tx) => {
      const before = await repo.findTeam(tx, ctx.caller.orgId, teamId);
      const team = await repo.renameTeam(tx, ctx.caller.orgId, teamId, name);
      if (!before || !team) throw notFound('Team');
      if (before.name === name) return;
      await recordAudit(tx, [
        {
          orgId: ctx.caller.orgId,
          actorId: ctx.caller.userId,
          action: 'team.renamed',
          teamId,
          detail: { from: before.name, to: name },
          at: ctx.clock.now(),
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
  return getTeam(ctx, teamId);
}

/**
 * The team's current members with the week each joined. Admins and the team's leads also see
 * addresses and the exact time of joining; the team's members see names and weeks only.
 */
export async function listMembers(ctx: Ctx, teamId: string): Promise<MemberList> {
  const { caller } = ctx;
  const full = caller.role === 'admin' || caller.leadTeamIds.includes(teamId);
  const [members, leads] = await Promise.all([
    repo.currentMembers(ctx.db, teamId),
    repo.leadsOf(ctx.db, teamId),
  ]);
  return {
    teamId,
    members: members.map(({ id, name, email, role, joinedAt }) => ({
      id,
      name,
      role,
      joinedWeek: weekOf(joinedAt, caller.org),
      ...(full ? { email, joinedAt: joinedAt.toISOString() } : {}),
    })),
    leads: leads.map(({ id, name, email }) => ({ id, name, ...(full ? { email } : {}) })),
  };
}
