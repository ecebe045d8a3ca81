import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

/**
 * Who answered which pulse: participation and one-per-person. Deliberately no timestamp and
 * nothing that points at the response row.
 */
export const pulseReceipts = pgTable(
  'pulse_receipts',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    week: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.week, t.userId] }),
    // One answer per person per ISO week across teams (docs/product.md §2).
    index('pulse_receipts_user_week_idx').on(t.userId, t.week),
  ],
);

/**
 * The answers. No user id, no link to the receipt, a random id, and no time finer than the week.
 */
export const pulseResponses = pgTable(
  'pulse_responses',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    week: text().notNull(),
    energy: smallint().notNull(),
    autonomy: smallint().notNull(),
    voice: smallint().notNull(),
    growth: smallint().notNull(),
    trust: smallint().notNull(),
    enps: smallint().notNull(),
    comment: text(),
  },
  (t) => [index('pulse_responses_team_week_idx').on(t.teamId, t.week)],
);

/**
 * Sufficient statistics per team-week, maintained in the same transaction as each response,
 * so every aggregate is exact and no read scans raw responses.
 */
export const teamWeekStats = pgTable(
  'team_week_stats',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    week: text().notNull(),
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
