import { boolean, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { orgs } from './orgs.ts';

/**
 * The decision for a closed week under one threshold (max of the k it closed under and the
 * current k), made once and stored: each team's state and whether the org-wide total is hidden.
 * A raised k adds the decisions for the new threshold; earlier ones are kept.
 */
export const weekDecisions = pgTable(
  'week_decisions',
  {
    orgId: belongsTo(() => orgs.id),
    week: text().notNull(),
    threshold: smallint().notNull(),
    orgHidden: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.week, t.threshold] })],
);
