import { doublePrecision, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { belongsTo, sufficientStatsColumns } from './columns.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';

/**
 * What a closed team-week was when it closed, frozen: members at the week's end and the sums of
 * its answers (copied from the rollup), and a random rank that breaks ties between equally small
 * teams in complementary suppression. One row for every team that existed when the week closed.
 */
export const teamWeekClosures = pgTable(
  'team_week_closures',
  {
    orgId: belongsTo(() => orgs.id),
    teamId: belongsTo(() => teams.id),
    week: text().notNull(),
    members: integer().notNull(),
    ...sufficientStatsColumns(),
    rank: doublePrecision().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.week] }),
    index('team_week_closures_org_week_idx').on(t.orgId, t.week),
  ],
);
