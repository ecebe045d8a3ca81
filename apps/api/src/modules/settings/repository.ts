import { type Executor, schema } from '@leeway/db';
import { eq, sql } from 'drizzle-orm';

export async function findOrg(db: Executor, orgId: string) {
  const [org] = await db.select().from(schema.orgs).where(eq(schema.orgs.id, orgId));
  return org;
}

/** Ids and names of these orgs. */
export async function orgNames(db: Executor, orgIds: string[]) {
  return db
    .select({ id: schema.orgs.id, name: schema.orgs.name })
    .from(schema.orgs)
    .where(sql`${schema.orgs.id} in ${orgIds}`);
}

/** The org's row, locked until the transaction ends: settings change one at a time. */
export async function lockOrg(db: Executor, orgId: string) {
  const [org] = await db.select().from(schema.orgs).where(eq(schema.orgs.id, orgId)).for('update');
  return org;
}

export type OrgChanges = Partial<
  Pick<
    typeof schema.orgs.$inferInsert,
    | 'minGroupSize'
    | 'timezone'
    | 'earlierZones'
    | 'baselineWeeks'
    | 'pulseOpensAt'
    | 'reminderDay'
    | 'reminderAt'
  >
>;

export async function updateOrg(db: Executor, orgId: string, changes: OrgChanges) {
  await db.update(schema.orgs).set(changes).where(eq(schema.orgs.id, orgId));
}
