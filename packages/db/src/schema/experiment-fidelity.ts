import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { experiments } from './experiments.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';

/**
 * The fidelity item of a running experiment ("This week we really set our own deadlines", 1–5),
 * summed per team-week in the transaction of each answer, like the rollup: no answer row, no
 * user. Read only for a closed, published team-week with at least k fidelity answers.
 */
export const experimentFidelity = pgTable(
  'experiment_fidelity',
  {
    orgId: belongsTo(() => orgs.id),
    teamId: belongsTo(() => teams.id),
    week: text().notNull(),
    experimentId: belongsTo(() => experiments.id),
    n: integer().notNull(),
    /** Σ(v − 1) and Σ(v − 1)² of the 1–5 answers. */
    sum: integer().notNull(),
    sumSq: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.week] })],
);
