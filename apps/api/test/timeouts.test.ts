import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * Slow clients (slowloris): a request that does not arrive whole within requestTimeout is answered
 * 408 and its socket closed, however steadily the client keeps trickling bytes; a silent socket is
 * closed too. Short timeouts here; the defaults are 30 s and 60 s.
 */
const REQUEST_TIMEOUT = 400;
const CONNECTION_TIMEOUT = 1_500;

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await createTestApp({
    requestTimeoutMs: REQUEST_TIMEOUT,
    connectionTimeoutMs: CONNECTION_TIMEOUT,
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as net.AddressInfo).port;
});
afterAll(() => t.close());

/**
 * Opens a raw socket, sends `head`, then one `drip` every 50 ms until the server closes the socket
 * (or 10 s pass). Returns what the server sent and when it closed.
 */
function slowClient(head: string, drip: string | null) {
  return new Promise<{ received: string; ms: number; dripped: number }>((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let dripped = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after 10 s; received ${JSON.stringify(received)}`));
    }, 10_000);
    socket.on('connect', () => {
      if (head) socket.write(head);
      if (drip !== null) {
        timer = setInterval(() => {
          if (!socket.writable) return;
          socket.write(drip);
          dripped++;
        }, 50);
      }
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => {}); // a reset after the server gave up is the expected end
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ received, ms: performance.now() - started, dripped });
    });
  });
}

describe('slow requests time out', () => {
  it('answers 408 and closes the socket when the headers trickle in for too long', async () => {
    const r = await slowClient(
      'GET /api/health/live HTTP/1.1\r\nHost: localhost\r\n',
      'X-a: b\r\n',
    );
    expect(r.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.dripped).toBeGreaterThan(3); // it kept sending, so this is not the idle timeout
    expect(r.ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT - 50);
    expect(r.ms).toBeLessThan(REQUEST_TIMEOUT + 3_000);
  });

  it('answers 408 and closes the socket when the body trickles in for too long', async () => {
    const r = await slowClient(
      'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{"email":"',
      'a',
    );
    expect(r.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.dripped).toBeGreaterThan(3);
    expect(r.ms).toBeLessThan(REQUEST_TIMEOUT + 3_000);
  });

  it('closes a socket that sends nothing', async () => {
    const r = await slowClient('', null);
    expect(r.ms).toBeLessThan(CONNECTION_TIMEOUT + 3_000);
  });

  it('still serves a client that sends its request promptly', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/health/live`);
    expect(res.status).toBe(200);
  });
});
