import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { users } from './users.ts';

export const teams = pgTable(
  'teams',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('teams_org_name_unique').on(t.orgId, sql`lower(${t.name})`)],
);

export const teamLeads = pgTable(
  'team_leads',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_leads_user_idx').on(t.userId)],
);
