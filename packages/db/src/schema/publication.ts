import { WEEK_STATES } from '@leeway/domain/vocabulary';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';

/**
 * One row per closed week of an org, written once when the week closes (docs/product.md §4):
 * the k it closed under. A pulse answer is refused once its week has a row here.
 */
export const weekClosures = pgTable(
  'week_closures',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    week: text().notNull(),
    kClosed: smallint().notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.week] })],
);

/**
 * What a closed team-week was when it closed, frozen: members at the week's end and the sums of
 * its answers (copied from the rollup), and a random rank that breaks ties between equally small
 * teams in complementary suppression. One row for every team that existed when the week closed.
 */
export const teamWeekClosures = pgTable(
  'team_week_closures',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    week: text().notNull(),
    members: integer().notNull(),
    n: integer().notNull(),
    sumIndex: bigint({ mode: 'number' }).notNull(),
    sumSqIndex: bigint({ mode: 'number' }).notNull(),
    energySum: integer().notNull(),
    autonomySum: integer().notNull(),
    voiceSum: integer().notNull(),
    growthSum: integer().notNull(),
    trustSum: integer().notNull(),
    promoters: integer().notNull(),
    detractors: integer().notNull(),
    rank: doublePrecision().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.week] }),
    index('team_week_closures_org_week_idx').on(t.orgId, t.week),
  ],
);

/**
 * The decision for a closed week under one threshold (max of the k it closed under and the
 * current k), made once and stored: each team's state and whether the org-wide total is hidden.
 * A raised k adds the decisions for the new threshold; earlier ones are kept.
 */
export const weekDecisions = pgTable(
  'week_decisions',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    week: text().notNull(),
    threshold: smallint().notNull(),
    orgHidden: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.week, t.threshold] })],
);

export const teamWeekDecisions = pgTable(
  'team_week_decisions',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    week: text().notNull(),
    threshold: smallint().notNull(),
    state: text({ enum: WEEK_STATES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.week, t.threshold] }),
    index('team_week_decisions_org_week_idx').on(t.orgId, t.week, t.threshold),
  ],
);
