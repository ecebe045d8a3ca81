import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@leeway/db';
import type { Clock } from '@leeway/domain/clock';
import type { Config } from '../../config.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { RESET_LINK_PLACEHOLDER, resetLink } from '../mail/messages.ts';
import { escapeHtml } from '../mail/render.ts';
import { classify, type MailTransport, sendMail } from '../mail/transport.ts';
import * as notificationsRepo from '../notifications/repository.ts';
import type { MessageRow } from '../outbox/repository.ts';
import * as outbox from '../outbox/repository.ts';
import * as resetsRepo from '../password-reset/repository.ts';
import * as peopleRepo from '../people/repository.ts';
import { WebhookError, type WebhookPoster } from '../webhooks/post.ts';
import * as webhooksRepo from '../webhooks/repository.ts';

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  config: Config;
  mail: MailTransport | null;
  postWebhook: WebhookPoster;
}

/** Longer than any one send can take (nodemailer's timeouts, 15 s for a webhook). */
export const LEASE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 6;
/** After attempt n failed, wait BACKOFF_MS[n-1]: 1 min, 5 min, 30 min, 2 h, 6 h. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];
const BATCH = 20;

/**
 * Sends every message that is due, batch by batch, and records each outcome. Safe to run in any
 * number of instances at once: each message is leased to one worker (outbox/repository.claimDue).
 */
export async function deliverDue(deps: DeliveryDeps): Promise<number> {
  let done = 0;
  for (;;) {
    const now = deps.clock.now();
    const claimed = await inTransaction(deps.db, (tx) =>
      outbox.claimDue(tx, now, new Date(now.getTime() + LEASE_MS), BATCH),
    );
    if (claimed.length === 0) return done;
    for (const row of claimed) {
      await deliverOne(deps, row);
      done++;
    }
  }
}

async function deliverOne(deps: DeliveryDeps, row: MessageRow) {
  const { db, clock } = deps;
  const suppressed = await isSuppressed(db, row);
  if (suppressed) {
    await outbox.recordAttempt(db, row, { status: 'suppressed', lastError: suppressed });
    return;
  }
  try {
    if (row.channel === 'email') {
      if (!deps.mail) {
        // SMTP_URL was unset when this attempt started: keep it for the admins to read.
        await outbox.recordAttempt(db, row, { status: 'kept' });
        return;
      }
      const body =
        row.kind === 'password_reset'
          ? await withResetLink(deps, row)
          : { text: row.textBody, html: row.htmlBody };
      if (!body) {
        await outbox.recordAttempt(db, row, { status: 'suppressed', lastError: 'reset expired' });
        return;
      }
      await sendMail(deps.mail, deps.config, row, body, clock.now());
    } else {
      const hook = await webhooksRepo.findWebhook(db, row.teamId ?? '');
      if (!hook) {
        await outbox.recordAttempt(db, row, {
          status: 'suppressed',
          lastError: 'the team has no chat channel any more',
        });
        return;
      }
      await deps.postWebhook(hook.url, { text: row.textBody });
    }
    await outbox.recordAttempt(db, row, { status: 'sent', sentAt: clock.now(), lastError: null });
  } catch (error) {
    const { permanent, message } =
      error instanceof WebhookError
        ? { permanent: error.permanent, message: error.message }
        : classify(error);
    const last = permanent || row.attempts >= MAX_ATTEMPTS;
    await outbox.recordAttempt(db, row, {
      status: last ? 'failed' : 'pending',
      lastError: message,
      nextAttemptAt: last
        ? null
        : new Date(
            clock.now().getTime() + BACKOFF_MS[Math.min(row.attempts, BACKOFF_MS.length) - 1]!,
          ),
    });
  }
}

/** Why this message must not go out any more, or null. */
async function isSuppressed(db: Db, row: MessageRow): Promise<string | null> {
  if (row.channel !== 'email') return null;
  const optOuts = await notificationsRepo.optOutsOf(db, row.orgId, row.toEmail);
  if (optOuts.includes(row.kind)) return 'the recipient switched these messages off';
  if (row.userId) {
    const user = await peopleRepo.findUser(db, row.userId);
    if (!user || user.deactivatedAt) return 'the recipient’s account is deactivated';
  }
  return null;
}

/**
 * The reset link is made now, and only its hash stored: a token never rests in the outbox. A new
 * attempt makes a new token (the previous one was never delivered, or is replaced).
 */
async function withResetLink(deps: DeliveryDeps, row: MessageRow) {
  const resetId = row.dedupeKey?.slice('password_reset:'.length) ?? '';
  const token = randomBytes(32).toString('base64url');
  const updated = await resetsRepo.setTokenHash(
    deps.db,
    resetId,
    createHash('sha256').update(token).digest('hex'),
  );
  if (!updated || updated.expiresAt <= deps.clock.now()) return null;
  const url = resetLink(deps.config, token);
  return {
    text: row.textBody.replace(RESET_LINK_PLACEHOLDER, url),
    html: (row.htmlBody ?? '').replaceAll(escapeHtml(RESET_LINK_PLACEHOLDER), escapeHtml(url)),
  };
}
