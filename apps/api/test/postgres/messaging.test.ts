import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '@leeway/db';
import { manualClock } from '@leeway/domain/clock';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type LeewayApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { LEASE_MS } from '../../src/modules/scheduler/delivery.ts';
import { signUpOrg, uniqueEmail } from '../helpers/api.ts';
import { type MailServer, startMailServer } from '../helpers/mail.ts';

/**
 * Two API instances on one PostgreSQL, and a third one killed while it was sending: every
 * message reaches the SMTP server exactly once.
 */
const here = dirname(fileURLToPath(import.meta.url));
const START = '2026-11-25T10:00:00.000Z';
let one: LeewayApp;
let two: LeewayApp;
let mail: MailServer;
let dbUrl: string;
let drop: () => Promise<void>;
const clock = manualClock(START);
const secret = randomBytes(48).toString('hex');

beforeAll(async () => {
  if (!process.env.DATABASE_URL)
    throw new Error('these tests need DATABASE_URL (run pnpm test:pg)');
  mail = await startMailServer();
  // A database of its own, whose URL the killed instance needs too.
  const name = `leeway_test_${randomBytes(6).toString('hex')}`;
  const server = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await server.unsafe(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  dbUrl = url.toString();
  const database = await createDb({ databaseUrl: dbUrl, dataDir: 'memory://', poolSize: 10 });
  await database.migrate();
  drop = async () => {
    await database.close();
    await server.unsafe(`drop database if exists ${name} with (force)`);
    await server.end();
  };
  const db = { database };
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', JWT_SECRET: secret }),
    smtpUrl: mail.url,
    publicUrl: 'https://leeway.example.test',
    webDist: '/nonexistent',
  };
  one = await buildApp(config, { clock, database: db.database });
  two = await buildApp(config, { clock, database: db.database });
});
afterAll(async () => {
  await one?.close();
  await two?.close();
  await drop?.();
  await mail?.close();
});

function startSender(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures/send-due.ts')], {
    cwd: join(here, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

describe('several instances and a crash', () => {
  it('deliver each message exactly once, the one in flight during the crash included', async () => {
    const org = await signUpOrg(one);
    const emails = Array.from({ length: 24 }, () => uniqueEmail('once'));
    for (const email of emails) {
      const res = await org.admin.post('/api/invitations', { email, name: 'Once', role: 'admin' });
      expect(res.status).toBe(201);
    }

    // A third instance takes the first batch and dies while the server holds its first message.
    mail.set({ kind: 'hold' });
    const sender = startSender({
      DATABASE_URL: dbUrl,
      SMTP_URL: mail.url,
      NOW: clock.now().toISOString(),
      JWT_SECRET: secret,
    });
    const exited = new Promise((resolve) => sender.on('exit', resolve));
    await mail.held();
    sender.kill('SIGKILL');
    await exited;
    mail.releaseHeld(false);
    mail.set({ kind: 'accept' });
    expect(mail.delivered).toHaveLength(0);

    // The two live instances send everything due, at the same time; the dead one's lease runs out.
    await Promise.all([one.scheduler.runOnce(), two.scheduler.runOnce()]);
    const beforeLease = mail.delivered.length;
    clock.advance(LEASE_MS);
    await Promise.all([one.scheduler.runOnce(), two.scheduler.runOnce()]);
    await mail.waitFor((d) => d.length >= emails.length);
    await Promise.all([one.scheduler.runOnce(), two.scheduler.runOnce()]);

    const received = mail.delivered.flatMap((d) => d.rcptTo).sort();
    expect(received).toEqual([...emails].sort());
    const ids = mail.delivered.map((d) => d.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    // The dead instance had leased a batch: those waited for its lease; the rest went at once.
    expect(beforeLease).toBeLessThan(emails.length);
    const outbox = (await org.admin.get('/api/outbox?limit=100')).body.messages;
    expect(outbox.every((m: { status: string }) => m.status === 'sent')).toBe(true);
  });
});
