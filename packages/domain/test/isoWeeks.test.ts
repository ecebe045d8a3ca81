import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  mondayOf,
  weekFromParts,
  weekInTimeZone,
  weekNumberOf,
  weekOfUtcDate,
} from '../src/isoWeeks.ts';
import { weekOf } from '../src/weeks.ts';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

describe('weekInTimeZone (no luxon: the web app and the browser tests)', () => {
  it('gives the week weekOf gives, for any instant and zone (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2090-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...ZONES),
        (instant, zone) => {
          expect(weekInTimeZone(zone, instant)).toBe(weekOf(instant, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('changes week at local Monday midnight, east and west of UTC', () => {
    expect(weekInTimeZone('Asia/Tokyo', new Date('2026-03-01T14:59:59Z'))).toBe('2026-W09');
    expect(weekInTimeZone('Asia/Tokyo', new Date('2026-03-01T15:00:00Z'))).toBe('2026-W10');
    expect(weekInTimeZone('America/New_York', new Date('2026-03-09T03:59:59Z'))).toBe('2026-W10');
    expect(weekInTimeZone('America/New_York', new Date('2026-03-09T04:00:00Z'))).toBe('2026-W11');
  });

  it('refuses an unknown zone', () => {
    expect(() => weekInTimeZone('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('calendar dates', () => {
  it('places the turn of the year by the ISO calendar', () => {
    expect(weekOfUtcDate(new Date('2026-12-31T00:00:00Z'))).toBe('2026-W53');
    expect(weekOfUtcDate(new Date('2027-01-03T23:00:00Z'))).toBe('2026-W53');
    expect(weekOfUtcDate(new Date('2027-01-04T00:00:00Z'))).toBe('2027-W01');
    expect(weekOfUtcDate(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
  });

  it('mondayOf and weekOfUtcDate undo each other (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 3000 }), (offset) => {
        const week = addWeeks('2026-W10', offset);
        const monday = mondayOf(week);
        expect(monday.getUTCDay()).toBe(1);
        expect(weekOfUtcDate(monday)).toBe(week);
        expect(weekOfUtcDate(new Date(monday.getTime() + 6.9 * 86_400_000))).toBe(week);
      }),
    );
  });

  it('writes and reads week numbers', () => {
    expect(weekFromParts(2026, 5)).toBe('2026-W05');
    expect(weekNumberOf('2026-W05')).toBe(5);
    expect(() => weekNumberOf('2026-W54')).toThrow(RangeError);
  });
});
