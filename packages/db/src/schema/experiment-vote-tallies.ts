import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { experiments } from './experiments.ts';
import { orgs } from './orgs.ts';

/**
 * The members' anonymous adopt / adapt / abandon vote, as counts only: no row per voter, so
 * nothing pairs a choice with its receipt. Shown once voting has closed, from k voters.
 */
export const experimentVoteTallies = pgTable(
  'experiment_vote_tallies',
  {
    orgId: belongsTo(() => orgs.id),
    experimentId: belongsTo(() => experiments.id),
    choice: text({ enum: ['adopt', 'adapt', 'abandon'] }).notNull(),
    votes: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.choice] })],
);
