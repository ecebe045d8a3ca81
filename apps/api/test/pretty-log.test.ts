import { describe, expect, it } from 'vitest';
import { prettyLine, prettyLogStream } from '../src/lib/pretty-log.ts';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: Date.UTC(2026, 10, 30, 9, 14, 5), ...fields });

describe('logs for a person at a terminal', () => {
  it('leaves out the two lines of every request, keeps failed requests, names warnings', () => {
    expect(prettyLine(line({ msg: 'incoming request', req: { method: 'GET' } }))).toBeNull();
    expect(
      prettyLine(line({ msg: 'request completed', res: { statusCode: 200 }, responseTime: 3 })),
    ).toBeNull();
    expect(prettyLine(line({ msg: 'Server listening at http://127.0.0.1:3000' }))).toBeNull();
    expect(
      prettyLine(
        line({
          level: 50,
          msg: 'request completed',
          req: { method: 'POST', url: '/api/pulse/responses' },
          res: { statusCode: 500 },
          responseTime: 12.4,
        }),
      ),
    ).toMatch(/^\d\d:\d\d:\d\d 500 POST \/api\/pulse\/responses \(12 ms\)$/);
    expect(prettyLine(line({ level: 40, msg: 'slow query' }))).toMatch(
      /^\d\d:\d\d:\d\d WARN slow query$/,
    );
    expect(
      prettyLine(line({ level: 50, msg: 'boom', err: { stack: 'Error: boom\n  at x' } })),
    ).toMatch(/ERROR boom\nError: boom/);
    expect(prettyLine('not json')).toBe('not json');
  });

  it('writes whole lines even when pino writes them in pieces', async () => {
    let out = '';
    const sink = {
      write(text: string) {
        out += text;
        return true;
      },
    } as NodeJS.WritableStream;
    const stream = prettyLogStream(sink);
    const text = `${line({ msg: 'shutting down' })}\n${line({ msg: 'incoming request' })}\n`;
    await new Promise<void>((done) => stream.write(text.slice(0, 20), () => done()));
    await new Promise<void>((done) => stream.write(text.slice(20), () => done()));
    expect(out).toMatch(/^\d\d:\d\d:\d\d shutting down\n$/);
  });
});
