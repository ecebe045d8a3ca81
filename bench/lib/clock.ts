import type { Clock } from '../../packages/domain/src/clock.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A clock on which one pulse week passes every `weekSeconds` real seconds, counted from the real
 * instant `epochMs` (when it reads the real time). The soak's server and its load generator each
 * build one from the same two numbers, so they agree on the week without talking.
 */
export function acceleratedClock(epochMs: number, weekSeconds: number): Clock {
  const speed = WEEK_MS / (weekSeconds * 1000);
  return { now: () => new Date(epochMs + (Date.now() - epochMs) * speed) };
}
