import { pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { experiments } from './experiments.ts';
import { orgs } from './orgs.ts';
import { users } from './users.ts';

/** That a member voted on an experiment's outcome (one vote each) — never what they chose. */
export const experimentVoteReceipts = pgTable(
  'experiment_vote_receipts',
  {
    orgId: belongsTo(() => orgs.id),
    experimentId: belongsTo(() => experiments.id),
    userId: belongsTo(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.userId] })],
);
