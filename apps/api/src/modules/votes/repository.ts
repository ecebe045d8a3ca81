import { type Executor, schema } from '@leeway/db';
import { and, count, eq, sql } from 'drizzle-orm';

export type Choice = 'adopt' | 'adapt' | 'abandon';

export async function hasVoted(db: Executor, experimentId: string, userId: string) {
  const [row] = await db
    .select({ userId: schema.experimentVoteReceipts.userId })
    .from(schema.experimentVoteReceipts)
    .where(
      and(
        eq(schema.experimentVoteReceipts.experimentId, experimentId),
        eq(schema.experimentVoteReceipts.userId, userId),
      ),
    );
  return row !== undefined;
}

/** A receipt (who voted) and a count (what was chosen), never one row holding both. */
export async function castVote(
  db: Executor,
  v: { orgId: string; experimentId: string; userId: string; choice: Choice },
): Promise<boolean> {
  const inserted = await db
    .insert(schema.experimentVoteReceipts)
    .values({ orgId: v.orgId, experimentId: v.experimentId, userId: v.userId })
    .onConflictDoNothing()
    .returning({ userId: schema.experimentVoteReceipts.userId });
  if (inserted.length === 0) return false;
  await db
    .insert(schema.experimentVoteTallies)
    .values({ orgId: v.orgId, experimentId: v.experimentId, choice: v.choice, votes: 1 })
    .onConflictDoUpdate({
      target: [schema.experimentVoteTallies.experimentId, schema.experimentVoteTallies.choice],
      set: { votes: sql`${schema.experimentVoteTallies.votes} + 1` },
    });
  return true;
}

/** The k a week of the org closed under (null while it has not closed). */
export async function tally(db: Executor, experimentId: string) {
  const [voters, counts] = await Promise.all([
    db
      .select({ n: count() })
      .from(schema.experimentVoteReceipts)
      .where(eq(schema.experimentVoteReceipts.experimentId, experimentId)),
    db
      .select({
        choice: schema.experimentVoteTallies.choice,
        votes: schema.experimentVoteTallies.votes,
      })
      .from(schema.experimentVoteTallies)
      .where(eq(schema.experimentVoteTallies.experimentId, experimentId)),
  ]);
  const byChoice: Record<Choice, number> = { adopt: 0, adapt: 0, abandon: 0 };
  for (const c of counts) byChoice[c.choice] = c.votes;
  return { voters: voters[0]?.n ?? 0, counts: byChoice };
}
