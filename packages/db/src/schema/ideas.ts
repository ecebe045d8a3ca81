import { EXPERIMENT_TYPES } from '@leeway/domain/vocabulary';
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

/** Experiment ideas proposed by a team's people, voted on, and launched by the lead. */
export const ideas = pgTable(
  'ideas',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: belongsTo(() => orgs.id),
    teamId: belongsTo(() => teams.id),
    type: text({ enum: EXPERIMENT_TYPES }).notNull(),
    text: text().notNull(),
    /** Null when the author chose to propose without their name. */
    authorId: text().references(() => users.id, { onDelete: 'set null' }),
    experimentId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('ideas_team_idx').on(t.teamId)],
);
