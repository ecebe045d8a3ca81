import { type Executor, schema } from '@leeway/db';
import { and, eq, inArray } from 'drizzle-orm';

const o = schema.notificationOptOuts;

export async function optOutsOf(db: Executor, orgId: string, email: string): Promise<string[]> {
  const rows = await db
    .select({ kind: o.kind })
    .from(o)
    .where(and(eq(o.orgId, orgId), eq(o.email, email.toLowerCase())));
  return rows.map((r) => r.kind);
}

/** Every opt-out of these addresses (lower-case) in these orgs. */
export async function optOutsAmong(db: Executor, orgIds: string[], emails: string[]) {
  return db
    .select({ orgId: o.orgId, email: o.email, kind: o.kind })
    .from(o)
    .where(and(inArray(o.orgId, orgIds), inArray(o.email, emails)));
}

export async function optOut(
  db: Executor,
  orgId: string,
  email: string,
  kinds: string[],
  at: Date,
) {
  if (kinds.length === 0) return;
  await db
    .insert(o)
    .values(kinds.map((kind) => ({ orgId, email: email.toLowerCase(), kind, createdAt: at })))
    .onConflictDoNothing();
}

export async function optIn(db: Executor, orgId: string, email: string, kinds: string[]) {
  if (kinds.length === 0) return;
  await db
    .delete(o)
    .where(and(eq(o.orgId, orgId), eq(o.email, email.toLowerCase()), inArray(o.kind, kinds)));
}
