import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface Delivered {
  /** Envelope recipients (RCPT TO), which is where the message really goes. */
  rcptTo: string[];
  mailFrom: string;
  raw: string;
  parsed: ParsedMail;
}

export type Behaviour =
  | { kind: 'accept' }
  /** Answer DATA with this SMTP reply (e.g. 451 temporary, 550 permanent). */
  | { kind: 'reject'; code: number; message: string }
  /** Hold the reply to DATA until released (a send in flight), then accept or drop. */
  | { kind: 'hold' };

/**
 * A real SMTP server in this process (smtp-server), keeping every message it accepted, parsed
 * with mailparser: tests assert on the MIME as a mail client would see it.
 */
export async function startMailServer(port = 0) {
  const delivered: Delivered[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  let behaviour: Behaviour = { kind: 'accept' };
  const held: { session: SMTPServerSession; release: (accept: boolean) => void }[] = [];
  const heldWaiters: (() => void)[] = [];
  const settle = () => {
    for (const w of [...waiters]) {
      if (w.test()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const accept = async () => {
          delivered.push({
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            raw,
            parsed: await simpleParser(raw),
          });
          callback();
          settle();
        };
        const current = behaviour;
        if (current.kind === 'reject') {
          const error = Object.assign(new Error(current.message), { responseCode: current.code });
          return callback(error);
        }
        if (current.kind === 'hold') {
          held.push({
            session,
            release: (ok) => {
              if (ok) void accept();
              else callback(Object.assign(new Error('dropped'), { responseCode: 421 }));
            },
          });
          for (const w of heldWaiters.splice(0)) w();
          return;
        }
        await accept();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = (server.server.address() as { port: number }).port;

  return {
    port: listening,
    url: `smtp://127.0.0.1:${listening}`,
    delivered,
    set(next: Behaviour) {
      behaviour = next;
    },
    /** Resolves once `test` holds for what was delivered (checked on every delivery). */
    waitFor(test: (d: Delivered[]) => boolean, timeoutMs = 20_000): Promise<void> {
      if (test(delivered)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`mail not delivered in time (${delivered.length} delivered)`)),
          timeoutMs,
        );
        waiters.push({
          test: () => test(delivered),
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    /** Resolves once a message is held at DATA. */
    held(): Promise<void> {
      if (held.length > 0) return Promise.resolve();
      return new Promise((resolve) => heldWaiters.push(resolve));
    },
    releaseHeld(accept: boolean) {
      for (const h of held.splice(0)) h.release(accept);
    },
    to(address: string, subject?: RegExp) {
      return delivered.filter(
        (d) => d.rcptTo.includes(address) && (!subject || subject.test(d.parsed.subject ?? '')),
      );
    },
    /** Waits for a message to this address whose subject matches, and returns all such. */
    async next(address: string, subject: RegExp): Promise<Delivered[]> {
      const matching = () =>
        delivered.filter((d) => d.rcptTo.includes(address) && subject.test(d.parsed.subject ?? ''));
      await this.waitFor(() => matching().length > 0);
      return matching();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type MailServer = Awaited<ReturnType<typeof startMailServer>>;

/** The first link in a text body that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const found = text.split(/\s+/).find((w) => w.startsWith(prefix));
  if (!found) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return found;
}

/** The header section of a raw message (up to the first empty line). */
export const headerBlock = (raw: string) => raw.split(/\r?\n\r?\n/)[0]!;

/** One header's value as sent, unfolded; undefined when absent. */
export function header(raw: string, name: string): string | undefined {
  const unfolded = headerBlock(raw).replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
