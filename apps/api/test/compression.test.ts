import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { addWeeks, weekOf } from '@leeway/domain/weeks';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

// A built SPA as apps/web's build leaves it: index.html with its .br and .gz, an asset with only
// a .gz. Each compressed file says so in its text, to show which file was sent.
const dist = mkdtempSync(join(tmpdir(), 'leeway-dist-'));
const INDEX = '<!doctype html><title>Leeway</title><div id="root"></div>';
const SCRIPT = 'export const answer = 42;\n'.repeat(200);
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), INDEX);
writeFileSync(join(dist, 'index.html.br'), brotliCompressSync(`${INDEX}<!-- br -->`));
writeFileSync(join(dist, 'index.html.gz'), gzipSync(`${INDEX}<!-- gz -->`));
writeFileSync(join(dist, 'assets/app-1234.js'), SCRIPT);
writeFileSync(join(dist, 'assets/app-1234.js.gz'), gzipSync(`${SCRIPT}// gz`));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ webDist: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

function decoded(res: LightMyRequestResponse): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.rawPayload).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(res.rawPayload).toString('utf8');
  expect(encoding).toBeUndefined();
  return res.body;
}

describe('API responses', () => {
  it('are compressed for clients that accept it, with their content type kept', async () => {
    const plain = await get('/api/docs/json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const res = await get('/api/docs/json', { 'accept-encoding': accept });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toBe(plain.headers['content-type']);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(JSON.parse(decoded(res))).toEqual(JSON.parse(plain.body));
    }
  });

  it('keep problem+json (small bodies are sent as they are)', async () => {
    const res = await get('/api/nothing-here', { 'accept-encoding': 'gzip, br' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(decoded(res)).status).toBe(404);
  });

  it('compress the CSV export without changing a byte of it or its headers', async () => {
    const org = await signUpOrg(t.app);
    await createTeam(org.admin);
    await createTeam(org.admin);
    const now = weekOf(t.clock.now(), 'UTC'); // signUpOrg's organisations use UTC
    const url = `/api/org/export.csv?from=${addWeeks(now, -25)}&to=${now}`;
    const auth = { authorization: `Bearer ${org.admin.token}` };
    const plain = await get(url, auth);
    expect(plain.statusCode).toBe(200);
    expect(plain.body.length).toBeGreaterThan(2048);
    for (const accept of ['br', 'gzip']) {
      const res = await get(url, { ...auth, 'accept-encoding': accept });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(accept);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(plain.headers['content-disposition']);
      expect(decoded(res)).toBe(plain.body);
    }
  });
});

describe('the web build', () => {
  it('is sent pre-compressed where the build wrote a .br or .gz, with the type of the original', async () => {
    const script = await get('/assets/app-1234.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-encoding']).toBe('gzip'); // no .br of this one
    expect(script.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers.vary).toMatch(/accept-encoding/i);
    expect(decoded(script)).toBe(`${SCRIPT}// gz`);

    const page = await get('/teams/some-team', { 'accept-encoding': 'gzip, deflate, br' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(decoded(page)).toBe(`${INDEX}<!-- br -->`);
  });

  it('is sent as it is to clients that accept no compression', async () => {
    const script = await get('/assets/app-1234.js');
    expect(script.headers['content-encoding']).toBeUndefined();
    expect(script.body).toBe(SCRIPT);
    const page = await get('/');
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body).toBe(INDEX);
  });
});
