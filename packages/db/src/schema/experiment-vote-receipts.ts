import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { experiments } from './experiments.ts';
import { orgs } from './orgs.ts';
import { users } from './users.ts';

/** That a member voted on an experiment's outcome (one vote each) — never what they chose. */
export const experimentVoteReceipts = pgTable(
  'experiment_vote_receipts',
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    experimentId: text()
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.userId] })],
);
