import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { belongsTo, sufficientStatsColumns } from './columns.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';

/**
 * Sufficient statistics per team-week, maintained in the same transaction as each response,
 * so every aggregate is exact and no read scans raw responses.
 */
export const teamWeekStats = pgTable(
  'team_week_stats',
  {
    orgId: belongsTo(() => orgs.id),
    teamId: belongsTo(() => teams.id),
    week: text().notNull(),
    ...sufficientStatsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.week] }),
    // Org-wide reads by week (heatmap, org trends), and complementary candidates by size: the
    // smallest team at or above k is the first entry (ties by id in byte order, as `suppress`).
    index('team_week_stats_org_week_n_team_idx').on(
      t.orgId,
      t.week,
      t.n,
      sql`${t.teamId} collate "C"`,
    ),
    // The few cells under k, found without reading the org's other cells.
    index('team_week_stats_org_n_idx').on(t.orgId, t.n, t.week),
  ],
);
