import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const base = { NODE_ENV: 'test', DATA_DIR: 'memory://' };

describe('configuration', () => {
  it('reads defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      seedDemo: undefined,
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(43);
    expect(config.loginRateLimit).toEqual({ perAccount: 10, perAddress: 100, windowMs: 900_000 });
    expect(loadConfig({ ...base, LOGIN_RATE_LIMIT: '3,50,60' }).loginRateLimit).toEqual({
      perAccount: 3,
      perAddress: 50,
      windowMs: 60_000,
    });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['SEED_DEMO', { SEED_DEMO: 'yes please' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['JWT_SECRET', { NODE_ENV: 'production', DATA_DIR: 'memory://' }],
    ['REDIS_URL', { REDIS_URL: 'http://x' }],
    ['LOGIN_RATE_LIMIT', { LOGIN_RATE_LIMIT: '10,100' }],
    ['LOGIN_RATE_LIMIT', { LOGIN_RATE_LIMIT: '0,100,60' }],
  ])('stops with a message naming %s', (name, env) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(name);
  });
});
