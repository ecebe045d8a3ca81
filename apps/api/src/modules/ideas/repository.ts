import { type Executor, schema } from '@leeway/db';
import { and, count, eq } from 'drizzle-orm';

export async function findIdea(db: Executor, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(schema.ideas)
    .where(and(eq(schema.ideas.orgId, orgId), eq(schema.ideas.id, id)));
  return row;
}

export async function linkExperiment(db: Executor, ideaId: string, experimentId: string) {
  await db.update(schema.ideas).set({ experimentId }).where(eq(schema.ideas.id, ideaId));
}

export async function teamIdeas(db: Executor, teamId: string, viewerId: string) {
  const [ideas, votes, mine] = await Promise.all([
    db
      .select({ idea: schema.ideas, authorName: schema.users.name })
      .from(schema.ideas)
      .leftJoin(schema.users, eq(schema.users.id, schema.ideas.authorId))
      .where(eq(schema.ideas.teamId, teamId)),
    db
      .select({ ideaId: schema.ideaVotes.ideaId, n: count() })
      .from(schema.ideaVotes)
      .innerJoin(schema.ideas, eq(schema.ideas.id, schema.ideaVotes.ideaId))
      .where(eq(schema.ideas.teamId, teamId))
      .groupBy(schema.ideaVotes.ideaId),
    db
      .select({ ideaId: schema.ideaVotes.ideaId })
      .from(schema.ideaVotes)
      .innerJoin(schema.ideas, eq(schema.ideas.id, schema.ideaVotes.ideaId))
      .where(and(eq(schema.ideas.teamId, teamId), eq(schema.ideaVotes.userId, viewerId))),
  ]);
  const voteCount = new Map(votes.map((v) => [v.ideaId, v.n]));
  const voted = new Set(mine.map((v) => v.ideaId));
  return ideas.map(({ idea, authorName }) => ({
    idea,
    authorName,
    votes: voteCount.get(idea.id) ?? 0,
    votedByMe: voted.has(idea.id),
  }));
}

export async function insertIdea(db: Executor, values: typeof schema.ideas.$inferInsert) {
  const [row] = await db.insert(schema.ideas).values(values).returning();
  return row!;
}

export async function addVote(
  db: Executor,
  values: { orgId: string; ideaId: string; userId: string },
) {
  await db.insert(schema.ideaVotes).values(values).onConflictDoNothing();
}

export async function removeVote(db: Executor, ideaId: string, userId: string) {
  await db
    .delete(schema.ideaVotes)
    .where(and(eq(schema.ideaVotes.ideaId, ideaId), eq(schema.ideaVotes.userId, userId)));
}
