import { randomInt } from 'node:crypto';
import type { CreateIdeaBody, Idea, IdeaList } from '@leeway/contracts';
import { weekBounds, weekOf } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import * as repo from './repository.ts';

type Listed = Awaited<ReturnType<typeof repo.teamIdeas>>[number];

function toIdea(ctx: Ctx, { idea, authorName, votes, votedByMe }: Listed): Idea {
  return {
    id: idea.id,
    teamId: idea.teamId,
    type: idea.type,
    text: idea.text,
    author: idea.authorId && authorName ? { id: idea.authorId, name: authorName } : null,
    // Only the week: a finer time could tie an anonymous idea to its author.
    week: weekOf(idea.createdAt, ctx.caller.org),
    votes,
    votedByMe,
    experimentId: idea.experimentId,
  };
}

/**
 * Most-voted first; ideas with as many votes in a fresh random order on every listing, so the
 * order never tells which idea was written when (and so who wrote an anonymous one).
 */
export async function listIdeas(ctx: Ctx, teamId: string): Promise<IdeaList> {
  const rows = await repo.teamIdeas(ctx.db, teamId, ctx.caller.userId);
  const ranked = rows.map((row) => ({ row, tieBreak: randomInt(2 ** 48 - 1) }));
  ranked.sort((a, b) => b.row.votes - a.row.votes || a.tieBreak - b.tieBreak);
  return { ideas: ranked.map(({ row }) => toIdea(ctx, row)) };
}

/** One idea of the team, as the caller sees it (with their vote). */
async function ideaOfTeam(ctx: Ctx, teamId: string, ideaId: string): Promise<Idea> {
  const found = (await repo.teamIdeas(ctx.db, teamId, ctx.caller.userId)).find(
    (r) => r.idea.id === ideaId,
  );
  if (!found) throw notFound('Idea');
  return toIdea(ctx, found);
}

export async function proposeIdea(ctx: Ctx, teamId: string, input: CreateIdeaBody): Promise<Idea> {
  const text = input.text.trim();
  if (!text) throw invalid('text', 'must not be blank');
  const now = ctx.clock.now();
  // An anonymous idea is stored without its author and with only its week, so nothing links it back.
  const idea = await repo.insertIdea(ctx.db, {
    orgId: ctx.caller.orgId,
    teamId,
    type: input.type,
    text,
    authorId: input.anonymous ? null : ctx.caller.userId,
    createdAt: input.anonymous ? weekStartInstant(ctx, now) : now,
  });
  return ideaOfTeam(ctx, teamId, idea.id);
}

function weekStartInstant(ctx: Ctx, now: Date): Date {
  return weekBounds(weekOf(now, ctx.caller.org), ctx.caller.org).opensAt;
}

export async function voteForIdea(ctx: Ctx, teamId: string, ideaId: string): Promise<Idea> {
  await repo.addVote(ctx.db, { orgId: ctx.caller.orgId, ideaId, userId: ctx.caller.userId });
  return ideaOfTeam(ctx, teamId, ideaId);
}

export async function withdrawVote(ctx: Ctx, teamId: string, ideaId: string): Promise<Idea> {
  await repo.removeVote(ctx.db, ideaId, ctx.caller.userId);
  return ideaOfTeam(ctx, teamId, ideaId);
}
