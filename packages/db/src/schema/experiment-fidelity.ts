import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    week: text().notNull(),
    experimentId: text()
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    n: integer().notNull(),
    /** Σ(v − 1) and Σ(v − 1)² of the 1–5 answers. */
    sum: integer().notNull(),
    sumSq: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.week] })],
);
