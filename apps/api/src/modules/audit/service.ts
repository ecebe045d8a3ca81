import type { AuditLog, LogListQuery } from '@leeway/contracts';
import type { Ctx } from '../../lib/context.ts';
import * as repo from './repository.ts';

export const DEFAULT_LOG_LIMIT = 100;

const ref = (id: string | null, name: string | null) =>
  id !== null && name !== null ? { id, name } : null;

export async function listAudit(ctx: Ctx, query: LogListQuery): Promise<AuditLog> {
  const limit = query.limit === undefined ? DEFAULT_LOG_LIMIT : Number(query.limit);
  const rows = await repo.listAuditEvents(ctx.db, ctx.caller.orgId, limit);
  return {
    events: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: ref(r.actorId, r.actorName),
      action: r.action,
      subject: ref(r.subjectId, r.subjectName),
      team: ref(r.teamId, r.teamName),
      detail: r.detail,
    })),
  };
}
