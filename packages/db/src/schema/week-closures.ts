import { pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { orgs } from './orgs.ts';

/**
 * One row per closed week of an org, written once when the week closes (docs/product.md §4):
 * the k it closed under. A pulse answer is refused once its week has a row here.
 */
export const weekClosures = pgTable(
  'week_closures',
  {
    orgId: belongsTo(() => orgs.id),
    week: text().notNull(),
    kClosed: smallint().notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.week] })],
);
