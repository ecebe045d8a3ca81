import { DECISIONS, EXPERIMENT_TYPES } from '@leeway/domain/vocabulary';
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

export const experiments = pgTable(
  'experiments',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: belongsTo(() => orgs.id),
    teamId: belongsTo(() => teams.id),
    type: text({ enum: EXPERIMENT_TYPES }).notNull(),
    title: text().notNull(),
    hypothesis: text().notNull(),
    startWeek: text().notNull(),
    /** Last week of the experiment, inclusive; kept so overlaps are one indexed comparison. */
    endWeek: text().notNull(),
    durationWeeks: integer().notNull(),
    baselineWeeks: integer().notNull(),
    /** What the experiment is judged on, fixed at launch: the engagement index or one item. */
    primaryOutcome: text({
      enum: ['engagement', 'energy', 'autonomy', 'voice', 'growth', 'trust'],
    })
      .notNull()
      .default('engagement'),
    /** False when launched knowingly as "not measured": the team has fewer members than k. */
    measured: boolean().notNull().default(true),
    cancelledAt: timestamp({ withTimezone: true }),
    decision: text({ enum: DECISIONS }),
    learnings: text(),
    ideaId: text(),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('experiments_team_idx').on(t.teamId, t.startWeek),
    index('experiments_org_idx').on(t.orgId, t.startWeek),
  ],
);
