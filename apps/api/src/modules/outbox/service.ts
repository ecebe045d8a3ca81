import type { LogListQuery, MessageKind, OutboxList } from '@leeway/contracts';
import type { Executor } from '@leeway/db';
import type { Config } from '../../config.ts';
import type { Ctx } from '../../lib/context.ts';
import { DEFAULT_LOG_LIMIT } from '../audit/service.ts';
import * as notificationsRepo from '../notifications/repository.ts';
import * as repo from './repository.ts';

export interface Message {
  orgId: string;
  kind: MessageKind;
  /** Names the message once: (kind, recipient, week or object). A second write is a no-op. */
  key: string;
  channel?: 'email' | 'slack' | 'teams';
  to: { email: string; name: string };
  userId?: string | null;
  teamId?: string | null;
  subject: string;
  text: string;
  html?: string | null;
  /** Why it is sent, for the admins who read the outbox. */
  reason: string;
}

/**
 * Writes messages to the outbox, in the caller's transaction, so a message exists exactly when
 * what it tells about does. E-mails wait for the scheduler's worker when SMTP_URL is set and are
 * only kept otherwise; chat messages always wait for it. Someone who switched a kind off gets
 * nothing written (the worker checks again before sending). Returns how many were new.
 */
export async function enqueue(
  tx: Executor,
  config: Pick<Config, 'smtpUrl'>,
  messages: Message[],
  at: Date,
): Promise<number> {
  if (messages.length === 0) return 0;
  const optedOut = await optedOutOf(tx, messages);
  const rows: repo.NewMessage[] = messages
    .filter((m) => !optedOut.has(`${m.orgId}|${m.to.email.toLowerCase()}|${m.kind}`))
    .map((m) => {
      const channel = m.channel ?? 'email';
      const deliver = channel !== 'email' || config.smtpUrl !== undefined;
      return {
        orgId: m.orgId,
        kind: m.kind,
        channel,
        dedupeKey: m.key,
        toEmail: m.to.email,
        toName: m.to.name,
        userId: m.userId ?? null,
        teamId: m.teamId ?? null,
        subject: m.subject,
        textBody: m.text,
        htmlBody: m.html ?? null,
        reason: m.reason,
        status: deliver ? 'pending' : 'kept',
        nextAttemptAt: deliver ? at : null,
        createdAt: at,
      };
    });
  return repo.insertMessages(tx, rows);
}

async function optedOutOf(tx: Executor, messages: Message[]): Promise<Set<string>> {
  const orgIds = [...new Set(messages.map((m) => m.orgId))];
  const emails = [...new Set(messages.map((m) => m.to.email.toLowerCase()))];
  const rows = await notificationsRepo.optOutsAmong(tx, orgIds, emails);
  return new Set(rows.map((r) => `${r.orgId}|${r.email}|${r.kind}`));
}

export async function listOutbox(ctx: Ctx, query: LogListQuery): Promise<OutboxList> {
  const limit = query.limit === undefined ? DEFAULT_LOG_LIMIT : Number(query.limit);
  const rows = await repo.listMessages(ctx.db, ctx.caller.orgId, limit);
  return {
    messages: rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      channel: m.channel,
      to: m.toEmail,
      toName: m.toName,
      subject: m.subject,
      reason: m.reason,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      nextAttemptAt:
        m.status === 'pending' || m.status === 'sending'
          ? (m.nextAttemptAt?.toISOString() ?? null)
          : null,
      sentAt: m.sentAt?.toISOString() ?? null,
      createdAt: m.createdAt.toISOString(),
      body: m.textBody,
    })),
  };
}
