import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
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
    orgId: belongsTo(() => orgs.id),
    teamId: belongsTo(() => teams.id),
    week: text().notNull(),
    userId: belongsTo(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.week, t.userId] }),
    // One answer per person per ISO week across teams (docs/product.md §2).
    index('pulse_receipts_user_week_idx').on(t.userId, t.week),
  ],
);
