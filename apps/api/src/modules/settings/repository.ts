import { type Executor, schema } from '@leeway/db';
import { eq } from 'drizzle-orm';

export async function findOrg(db: Executor, orgId: string) {
  const [org] = await db.select().from(schema.orgs).where(eq(schema.orgs.id, orgId));
  return org;
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
