import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const base = { NODE_ENV: 'test', DATA_DIR: 'memory://' };
const refusal = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return { variable: error.variable, message: error.message };
    throw error;
  }
  return null;
};

describe('messaging configuration, validated at start', () => {
  it.each([
    ['not a url'],
    ['http://mail.example.com'],
    ['smtp://'],
    ['smtp://mail.example.com:99999'],
  ])('refuses SMTP_URL=%s with a message naming it', (value) => {
    const refused = refusal({ SMTP_URL: value });
    expect(refused?.variable).toBe('SMTP_URL');
    expect(refused?.message).toMatch(/^Invalid configuration: SMTP_URL /);
  });

  it('accepts smtp:// and smtps:// URLs, and no SMTP_URL at all (messages are kept)', () => {
    expect(loadConfig({ ...base, SMTP_URL: 'smtp://user:pw@mail.example.com:587' }).smtpUrl).toBe(
      'smtp://user:pw@mail.example.com:587',
    );
    expect(loadConfig({ ...base, SMTP_URL: 'smtps://mail.example.com' }).smtpUrl).toBeDefined();
    expect(loadConfig(base).smtpUrl).toBeUndefined();
  });

  it('refuses a MAIL_FROM that is not an address, or that carries a line break', () => {
    expect(refusal({ MAIL_FROM: 'Leeway' })?.variable).toBe('MAIL_FROM');
    expect(refusal({ MAIL_FROM: 'Leeway <a@b.c>\r\nBcc: x@y.z' })?.variable).toBe('MAIL_FROM');
    expect(loadConfig({ ...base, MAIL_FROM: 'Leeway <leeway@example.com>' }).mailFrom).toBe(
      'Leeway <leeway@example.com>',
    );
  });

  it('requires PUBLIC_URL in production, where every link is built from it', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(64),
      DATA_DIR: 'memory://',
    };
    expect(refusal(production)?.variable).toBe('PUBLIC_URL');
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://leeway.example.com/' }).publicUrl).toBe(
      'https://leeway.example.com',
    );
  });
});
