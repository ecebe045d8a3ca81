import { DECISIONS, EXPERIMENT_TYPES } from '@leeway/domain/vocabulary';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

export const experiments = pgTable(
  'experiments',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
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

export const ideas = pgTable(
  'ideas',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    type: text({ enum: EXPERIMENT_TYPES }).notNull(),
    text: text().notNull(),
    /** Null when the author chose to propose without their name. */
    authorId: text().references(() => users.id, { onDelete: 'set null' }),
    experimentId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('ideas_team_idx').on(t.teamId)],
);

export const ideaVotes = pgTable(
  'idea_votes',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    ideaId: text()
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] })],
);
