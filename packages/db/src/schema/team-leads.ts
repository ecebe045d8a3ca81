import { index, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

/** Who leads which team; a lead is never a member of a team they lead. */
export const teamLeads = pgTable(
  'team_leads',
  {
    orgId: belongsTo(() => orgs.id),
    teamId: belongsTo(() => teams.id),
    userId: belongsTo(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_leads_user_idx').on(t.userId)],
);
