// The e-mail the server sent during this run: e2e/run.mjs runs an SMTP server that writes every
// accepted message to E2E_MAILBOX as <n>.eml; tests read them as a mail client would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';

export const MAILBOX = process.env.E2E_MAILBOX;

async function messages(): Promise<ParsedMail[]> {
  if (!MAILBOX) throw new Error('E2E_MAILBOX is not set: run the browser tests with e2e/run.mjs');
  const files = readdirSync(MAILBOX)
    .filter((f) => f.endsWith('.eml'))
    .sort();
  return Promise.all(files.map((f) => simpleParser(readFileSync(join(MAILBOX, f)))));
}

const addressed = (mail: ParsedMail, to: string) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).some((a) =>
    a.value.some((v) => v.address?.toLowerCase() === to.toLowerCase()),
  );

/**
 * Waits until a message to `to` whose subject matches has arrived (the server sends right after
 * the request that writes it) and returns the newest.
 */
export async function waitForMail(to: string, subject: RegExp, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await messages()).filter(
      (m) => addressed(m, to) && subject.test(m.subject ?? ''),
    );
    if (found.length > 0) return found.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to} matching ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The first link in the text part that starts with `prefix`. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const link = (mail.text ?? '').split(/\s+/).find((w) => w.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in "${mail.subject}"`);
  return link;
}
