import { type Executor, schema } from '@leeway/db';
import { desc, eq } from 'drizzle-orm';

export async function insertMessage(
  db: Executor,
  values: Omit<typeof schema.outboxMessages.$inferInsert, 'id' | 'seq'>,
) {
  await db.insert(schema.outboxMessages).values(values);
}

export async function listMessages(db: Executor, orgId: string, limit: number) {
  return db
    .select()
    .from(schema.outboxMessages)
    .where(eq(schema.outboxMessages.orgId, orgId))
    .orderBy(desc(schema.outboxMessages.createdAt), desc(schema.outboxMessages.seq))
    .limit(limit);
}
