import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';

/** A team's chat channel: a Slack or Microsoft Teams incoming webhook. */
export const teamWebhooks = pgTable('team_webhooks', {
  teamId: text()
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  orgId: belongsTo(() => orgs.id),
  service: text({ enum: ['slack', 'teams'] }).notNull(),
  url: text().notNull(),
  createdBy: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});
