import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { belongsTo } from './columns.ts';
import { newId } from './id.ts';
import { orgs } from './orgs.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

/**
 * Who changed a membership, a role, a lead or a setting, and when; written in the transaction
 * that makes the change, read by admins (GET /api/audit).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: text().primaryKey().$defaultFn(newId),
    orgId: belongsTo(() => orgs.id),
    actorId: text().references(() => users.id, { onDelete: 'set null' }),
    action: text().notNull(),
    subjectUserId: text().references(() => users.id, { onDelete: 'set null' }),
    teamId: text().references(() => teams.id, { onDelete: 'set null' }),
    detail: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** Orders events written at the same instant (one transaction often writes several). */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
  },
  (t) => [index('audit_events_org_idx').on(t.orgId, t.createdAt, t.seq)],
);
