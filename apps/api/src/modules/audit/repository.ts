import type { AuditAction } from '@leeway/contracts';
import { type Executor, schema } from '@leeway/db';
import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

export interface AuditRecord {
  orgId: string;
  /** Who made the change; null when nobody signed in did (none yet). */
  actorId: string | null;
  action: AuditAction;
  subjectUserId?: string | null;
  teamId?: string | null;
  detail?: Record<string, unknown>;
  at: Date;
}

/** Writes audit events; called with the transaction that makes the change they describe. */
export async function recordAudit(db: Executor, events: AuditRecord[]) {
  if (events.length === 0) return;
  await db.insert(schema.auditEvents).values(
    events.map((e) => ({
      orgId: e.orgId,
      actorId: e.actorId,
      action: e.action,
      subjectUserId: e.subjectUserId ?? null,
      teamId: e.teamId ?? null,
      detail: e.detail ?? {},
      createdAt: e.at,
    })),
  );
}

const actor = alias(schema.users, 'actor');
const subject = alias(schema.users, 'subject');

/** The org's newest events first, with the names of the people and team they name. */
export async function listAuditEvents(db: Executor, orgId: string, limit: number) {
  return db
    .select({
      id: schema.auditEvents.id,
      at: schema.auditEvents.createdAt,
      action: schema.auditEvents.action,
      detail: schema.auditEvents.detail,
      actorId: actor.id,
      actorName: actor.name,
      subjectId: subject.id,
      subjectName: subject.name,
      teamId: schema.teams.id,
      teamName: schema.teams.name,
    })
    .from(schema.auditEvents)
    .leftJoin(actor, eq(actor.id, schema.auditEvents.actorId))
    .leftJoin(subject, eq(subject.id, schema.auditEvents.subjectUserId))
    .leftJoin(schema.teams, eq(schema.teams.id, schema.auditEvents.teamId))
    .where(eq(schema.auditEvents.orgId, orgId))
    .orderBy(desc(schema.auditEvents.createdAt), desc(schema.auditEvents.seq))
    .limit(limit);
}
