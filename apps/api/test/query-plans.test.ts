import { rowsOf } from '@leeway/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.ts';
import { signIn } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * Every query the request paths send is EXPLAINed with sequential scans priced out
 * (`enable_seqscan = off`): on a small test database the planner would rightly prefer a
 * sequential scan, but a plan that still reads a whole table then has no index to use.
 */
const captured: { query: string; params: unknown[] }[] = [];
let capturing = false;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, '2026-11-25T10:00:00.000Z', (query, params) => {
    if (capturing) captured.push({ query, params });
  });
  await seedDemo(t.app);
}, 120_000);
afterAll(() => t.close());

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

const inline = (query: string, params: unknown[]) =>
  query.replace(/\$(\d+)/g, (_, i: string) => literal(params[Number(i) - 1]));

async function plan(query: string): Promise<string> {
  const result: unknown = await t.database.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local enable_seqscan = off'));
    return tx.execute(sql.raw(`explain ${query}`));
  });
  const rows = rowsOf<Record<string, string>>(result);
  return rows.map((r) => Object.values(r)[0]).join('\n');
}

describe('query plans on request paths', () => {
  it('use indexes for every query of the main endpoints', async () => {
    const hr = await signIn(t.app, 'hr@example.com', 'leeway-demo');
    const lead = await signIn(t.app, 'lead@example.com', 'leeway-demo');
    const member = await signIn(t.app, 'member@example.com', 'leeway-demo');
    const teamId = (await lead.get('/api/me')).body.leads[0].id;
    const experiments = (await lead.get(`/api/teams/${teamId}/experiments`)).body.experiments;

    capturing = true;
    const calls = [
      lead.get('/api/me'),
      lead.get(`/api/teams/${teamId}/trends?from=2026-W30&to=2026-W48`),
      lead.get(`/api/teams/${teamId}/comments?week=2026-W46`),
      lead.get(`/api/teams/${teamId}/members`),
      lead.get(`/api/teams/${teamId}/experiments`),
      lead.get(`/api/teams/${teamId}/ideas`),
      lead.get(`/api/experiments/${experiments[0].id}/impact`),
      hr.get('/api/org/trends?from=2026-W30&to=2026-W48'),
      hr.get('/api/org/heatmap?from=2026-W30&to=2026-W48'),
      hr.get('/api/org/experiment-types'),
      hr.get('/api/teams'),
      member.get('/api/pulse'),
    ];
    for (const call of calls) expect((await call).status).toBe(200);
    const pulse = (await member.get('/api/pulse')).body;
    const answers = { energy: 4, autonomy: 4, voice: 4, growth: 4, trust: 4, enps: 9 };
    expect(
      (await member.post('/api/pulse/responses', { pulseId: pulse.pulseId, answers })).status,
    ).toBe(201);
    capturing = false;

    const distinct = new Map<string, unknown[]>();
    for (const { query, params } of captured) {
      if (/^\s*(insert|begin|commit|rollback|savepoint|release)/i.test(query)) continue;
      if (!distinct.has(query)) distinct.set(query, params);
    }
    expect(distinct.size).toBeGreaterThan(15);
    const scans: string[] = [];
    for (const [query, params] of distinct) {
      const text = await plan(inline(query, params));
      if (/Seq Scan/.test(text)) scans.push(`${query}\n${text}`);
    }
    expect(scans).toEqual([]);
  });
});
