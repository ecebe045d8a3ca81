import type { CreateTeamBody, MemberList, Team, UpdateTeamBody } from '@leeway/contracts';
import type { Ctx } from '../../lib/context.ts';
import { conflict, isUniqueViolation, notFound } from '../../lib/errors.ts';
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
  const name = input.name.trim();
  if (await repo.findTeamByName(ctx.db, ctx.caller.orgId, name)) throw duplicateName(name);
  try {
    const team = await repo.insertTeam(ctx.db, {
      orgId: ctx.caller.orgId,
      name,
      createdAt: ctx.clock.now(),
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
    const team = await repo.renameTeam(ctx.db, ctx.caller.orgId, teamId, name);
    if (!team) throw notFound('Team');
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
  return getTeam(ctx, teamId);
}

export async function listMembers(ctx: Ctx, teamId: string): Promise<MemberList> {
  const [members, leads] = await Promise.all([
    repo.currentMembers(ctx.db, teamId),
    repo.leadsOf(ctx.db, teamId),
  ]);
  return {
    teamId,
    members: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    leads,
  };
}
