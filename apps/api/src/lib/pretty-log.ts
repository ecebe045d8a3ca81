import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

interface Line {
  level?: number;
  time?: number;
  msg?: string;
  err?: { message?: string; stack?: string };
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [key: string]: unknown;
}

const time = (ms: number | undefined) => new Date(ms ?? Date.now()).toTimeString().slice(0, 8);

/** One log line as a person reads it, or null for what a person at a terminal need not see. */
export function prettyLine(json: string): string | null {
  let line: Line;
  try {
    line = JSON.parse(json) as Line;
  } catch {
    return json.trimEnd();
  }
  const level = line.level ?? 30;
  const status = line.res?.statusCode;
  // Every request is logged twice (in, out): at a terminal only failed ones are worth a line.
  if (line.msg === 'incoming request') return null;
  // The start banner names the address once.
  if (line.msg?.startsWith('Server listening at')) return null;
  if (line.msg === 'request completed') {
    if (status === undefined || status < 500) return null;
    return `${time(line.time)} ${status} ${line.req?.method ?? ''} ${line.req?.url ?? ''} (${Math.round(line.responseTime ?? 0)} ms)`;
  }
  const name = LEVELS[level] ?? String(level);
  const head = `${time(line.time)} ${level >= 40 ? `${name.toUpperCase()} ` : ''}${line.msg ?? ''}`;
  const error = line.err?.stack ?? line.err?.message;
  return error ? `${head}\n${error}` : head;
}

/**
 * pino's JSON lines made quiet and readable for someone watching `pnpm start` in a terminal:
 * no line per request (only failed ones), times without dates, warnings and errors named.
 * Production and anything not a terminal keep the JSON lines.
 */
export function prettyLogStream(out: NodeJS.WritableStream = process.stdout): Writable {
  let rest = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const json of lines) {
        if (json.trim() === '') continue;
        const text = prettyLine(json);
        if (text !== null) out.write(`${text}\n`);
      }
      done();
    },
  });
}
