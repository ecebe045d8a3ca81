import { index, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';

/**
 * The answers. No user id, no link to the receipt, a random id, and no time finer than the week.
 */
export const pulseResponses = pgTable(
  'pulse_responses',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: belongsTo(() => orgs.id),
    teamId: belongsTo(() => teams.id),
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
