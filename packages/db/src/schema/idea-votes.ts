import { pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { ideas } from './ideas.ts';
import { orgs } from './orgs.ts';
import { users } from './users.ts';

/** One vote per person per idea. */
export const ideaVotes = pgTable(
  'idea_votes',
  {
    orgId: belongsTo(() => orgs.id),
    ideaId: belongsTo(() => ideas.id),
    userId: belongsTo(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] })],
);
