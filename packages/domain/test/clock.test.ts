import { describe, expect, it } from 'vitest';
import { manualClock, systemClock } from '../src/clock.ts';

describe('clock', () => {
  it('systemClock follows the process clock', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('manualClock moves only when told to', () => {
    const clock = manualClock('2026-03-02T08:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T08:00:00.000Z');
    clock.advance(90 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:30:00.000Z');
    clock.set(new Date('2027-01-04T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-04T00:00:00.000Z');
  });

  it('hands out copies, so callers cannot move it by mutating a Date', () => {
    const clock = manualClock('2026-03-02T08:00:00Z');
    clock.now().setUTCFullYear(2000);
    expect(clock.now().toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it('refuses invalid times', () => {
    expect(() => manualClock('not a date')).toThrow(RangeError);
    expect(() => manualClock('2026-03-02T08:00:00Z').advance(Number.NaN)).toThrow(RangeError);
  });
});
