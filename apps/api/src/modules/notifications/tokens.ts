import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';

/**
 * The one-click unsubscribe token: (org, address, kind) signed with a key derived from the
 * session secret, so the link works signed out and cannot be made for anyone else. It does not
 * expire: a List-Unsubscribe link must work as long as the message can be read.
 */
export interface UnsubscribeClaim {
  orgId: string;
  email: string;
  kind: string;
}

const keyOf = (config: Config) =>
  createHmac('sha256', config.jwtSecret).update('leeway-unsubscribe-v1').digest();

export function unsubscribeToken(config: Config, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(
    JSON.stringify([claim.orgId, claim.email.toLowerCase(), claim.kind]),
  ).toString('base64url');
  const signature = createHmac('sha256', keyOf(config)).update(payload).digest('base64url');
  return `${payload}.${signature}`;
}

export function readUnsubscribeToken(config: Config, token: string): UnsubscribeClaim | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = createHmac('sha256', keyOf(config)).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [orgId, email, kind] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof orgId !== 'string' || typeof email !== 'string' || typeof kind !== 'string')
      return null;
    return { orgId, email, kind };
  } catch {
    return null;
  }
}
