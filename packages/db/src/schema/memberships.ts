import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

/** Membership history: a member belongs to one team at a time; past memberships keep their dates. */
export const memberships = pgTable(
  'memberships',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: belongsTo(() => orgs.id),
    userId: belongsTo(() => users.id),
    teamId: belongsTo(() => teams.id),
    joinedAt: timestamp({ withTimezone: true }).notNull(),
    leftAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('memberships_one_current_team').on(t.userId).where(sql`${t.leftAt} is null`),
    index('memberships_team_idx').on(t.teamId, t.joinedAt),
    index('memberships_org_idx').on(t.orgId),
  ],
);
