import type { LogListQuery, OutboxList } from '@leeway/contracts';
import type { Executor } from '@leeway/db';
import type { Ctx } from '../../lib/context.ts';
import { DEFAULT_LOG_LIMIT } from '../audit/service.ts';
import * as repo from './repository.ts';

export interface Message {
  orgId: string;
  kind: 'invitation';
  to: { email: string; name: string };
  subject: string;
  text: string;
}

/**
 * Puts a message in the outbox, in the caller's transaction. No mail server is configured yet,
 * so it is only kept ('kept'), for admins to read and pass on.
 */
export async function keepMessage(tx: Executor, message: Message, at: Date) {
  await repo.insertMessage(tx, {
    orgId: message.orgId,
    kind: message.kind,
    toEmail: message.to.email,
    toName: message.to.name,
    subject: message.subject,
    textBody: message.text,
    status: 'kept',
    createdAt: at,
  });
}

export async function listOutbox(ctx: Ctx, query: LogListQuery): Promise<OutboxList> {
  const limit = query.limit === undefined ? DEFAULT_LOG_LIMIT : Number(query.limit);
  const rows = await repo.listMessages(ctx.db, ctx.caller.orgId, limit);
  return {
    messages: rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      to: m.toEmail,
      toName: m.toName,
      subject: m.subject,
      status: m.status,
      createdAt: m.createdAt.toISOString(),
      body: m.textBody,
    })),
  };
}
