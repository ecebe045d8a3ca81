import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import { linkBase } from '../../config.ts';
import { unsubscribable } from '../notifications/kinds.ts';
import type { MessageRow } from '../outbox/repository.ts';
import { unsubscribeUrls } from './messages.ts';
import { headerSafe } from './render.ts';

export type MailTransport = Transporter;

/**
 * nodemailer over SMTP_URL (`smtp://` with STARTTLS when offered, `smtps://` TLS from the
 * start). Timeouts are bounded so a send always ends well within the worker's lease.
 */
export function createMailTransport(config: Config): MailTransport | null {
  if (!config.smtpUrl) return null;
  return nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/** The Message-ID stays the same on every attempt, so a receiver can drop a repeated delivery. */
export const messageIdOf = (config: Config, row: { id: string }) =>
  `<${row.id}@${new URL(linkBase(config)).hostname}>`;

export interface SendError {
  permanent: boolean;
  message: string;
}

/** 5xx from the server is final (the address or the message is refused); the rest may pass later. */
export function classify(error: unknown): SendError {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const code = e.responseCode;
  const permanent = typeof code === 'number' && code >= 500 && code < 600;
  const message = headerSafe(
    `${code ? `${code} ` : ''}${e.code && !code ? `${e.code}: ` : ''}${e.message ?? String(error)}`,
    500,
  );
  return { permanent, message };
}

export async function sendMail(
  transport: MailTransport,
  config: Config,
  row: MessageRow,
  body: { text: string; html: string | null },
  date: Date,
): Promise<void> {
  const headers: Record<string, string> = {};
  if (unsubscribable(row.kind)) {
    const { oneClick } = unsubscribeUrls(config, row.orgId, row.toEmail, row.kind);
    headers['List-Unsubscribe'] = `<${oneClick}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  await transport.sendMail({
    from: config.mailFrom,
    // An object, not a string: nodemailer encodes the name and never parses it as addresses.
    to: { name: headerSafe(row.toName, 120), address: row.toEmail },
    subject: headerSafe(row.subject),
    text: body.text,
    ...(body.html ? { html: body.html } : {}),
    messageId: messageIdOf(config, row),
    date,
    headers,
  });
}
