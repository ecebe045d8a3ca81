import { WEEK_STATES } from '@leeway/domain/vocabulary';
import { index, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';

/** A closed team-week's state under one threshold (see week-decisions.ts). */
export const teamWeekDecisions = pgTable(
  'team_week_decisions',
  {
    orgId: belongsTo(() => orgs.id),
    teamId: belongsTo(() => teams.id),
    week: text().notNull(),
    threshold: smallint().notNull(),
    state: text({ enum: WEEK_STATES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.week, t.threshold] }),
    index('team_week_decisions_org_week_idx').on(t.orgId, t.week, t.threshold),
  ],
);
