import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  compareWeeks,
  isIsoWeek,
  isValidTimeZone,
  weekBounds,
  weekDiff,
  weekOf,
  weekRange,
} from '../src/weeks.ts';

const at = (iso: string) => new Date(iso);
const HOUR = 60 * 60 * 1000;

describe('isIsoWeek', () => {
  it('accepts well-formed weeks that exist', () => {
    for (const w of ['2026-W01', '2026-W05', '2026-W52', '2026-W53', '2020-W53', '2015-W53']) {
      expect(isIsoWeek(w), w).toBe(true);
    }
  });

  it('refuses bad syntax and weeks that do not exist', () => {
    for (const w of [
      '2026-W00',
      '2025-W53', // 2025 has 52 ISO weeks
      '2027-W53',
      '2026-W54',
      '2026-W5',
      '2026W05',
      '2026-w05',
      ' 2026-W05',
      '2026-W05 ',
      '26-W05',
      '2026-05',
      '',
    ]) {
      expect(isIsoWeek(w), w).toBe(false);
    }
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and UTC', () => {
    for (const tz of [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Tokyo',
      'Pacific/Auckland',
    ]) {
      expect(isValidTimeZone(tz), tz).toBe(true);
    }
  });

  it('refuses unknown names and offsets', () => {
    for (const tz of ['Mars/Base', '', 'Europe/Berlin ', 'local', '+01:00', 'UTC+3']) {
      expect(isValidTimeZone(tz), tz).toBe(false);
    }
  });
});

describe('weekOf', () => {
  it('places the turn of 2026/2027 by the ISO calendar', () => {
    // 2026-01-01 is a Thursday, so 2026 has 53 ISO weeks; 2027-01-04 is the first Monday of 2027-W01.
    expect(weekOf(at('2025-12-29T00:00:00Z'), 'UTC')).toBe('2026-W01');
    expect(weekOf(at('2026-12-31T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(weekOf(at('2027-01-03T23:59:59.999Z'), 'UTC')).toBe('2026-W53');
    expect(weekOf(at('2027-01-04T00:00:00Z'), 'UTC')).toBe('2027-W01');
    // 2024-12-30 (Monday) already belongs to 2025-W01.
    expect(weekOf(at('2024-12-30T00:00:00Z'), 'UTC')).toBe('2025-W01');
  });

  it('switches exactly at local Monday midnight east of UTC (Asia/Tokyo, +09:00)', () => {
    // Monday 2026-01-26 00:00 JST = 2026-01-25T15:00Z.
    expect(weekOf(at('2026-01-25T14:59:59.999Z'), 'Asia/Tokyo')).toBe('2026-W04');
    expect(weekOf(at('2026-01-25T15:00:00.000Z'), 'Asia/Tokyo')).toBe('2026-W05');
    expect(weekOf(at('2026-01-25T15:00:00.000Z'), 'UTC')).toBe('2026-W04');
  });

  it('switches exactly at local Monday midnight west of UTC (America/New_York, DST week)', () => {
    // Monday 2026-03-09 00:00 EDT = 04:00Z (DST began Sunday 2026-03-08).
    expect(weekOf(at('2026-03-09T03:59:59.999Z'), 'America/New_York')).toBe('2026-W10');
    expect(weekOf(at('2026-03-09T04:00:00.000Z'), 'America/New_York')).toBe('2026-W11');
  });

  it('changes year earlier in Pacific/Auckland than in UTC', () => {
    // Monday 2027-01-04 00:00 NZDT (+13:00) = 2027-01-03T11:00Z.
    expect(weekOf(at('2027-01-03T10:59:59.999Z'), 'Pacific/Auckland')).toBe('2026-W53');
    expect(weekOf(at('2027-01-03T11:00:00.000Z'), 'Pacific/Auckland')).toBe('2027-W01');
    expect(weekOf(at('2027-01-03T11:00:00.000Z'), 'UTC')).toBe('2026-W53');
  });

  it('refuses an unknown zone or an invalid date', () => {
    expect(() => weekOf(at('2026-01-01T00:00:00Z'), 'Mars/Base')).toThrow(RangeError);
    expect(() => weekOf(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});

describe('weekBounds', () => {
  const bounds = (week: string, tz: string) => {
    const { opensAt, closesAt } = weekBounds(week, tz);
    return {
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      hours: (closesAt.getTime() - opensAt.getTime()) / HOUR,
    };
  };

  it('is Monday to Monday in UTC', () => {
    expect(bounds('2026-W53', 'UTC')).toEqual({
      opensAt: '2026-12-28T00:00:00.000Z',
      closesAt: '2027-01-04T00:00:00.000Z',
      hours: 168,
    });
  });

  it('is 167 hours across the spring DST change in Europe/Berlin', () => {
    // CET (+01:00) on Monday 2026-03-23, CEST (+02:00) from Sunday 2026-03-29.
    expect(bounds('2026-W13', 'Europe/Berlin')).toEqual({
      opensAt: '2026-03-22T23:00:00.000Z',
      closesAt: '2026-03-29T22:00:00.000Z',
      hours: 167,
    });
  });

  it('is 169 hours across the autumn DST change in Europe/Berlin', () => {
    // CEST on Monday 2026-10-19, CET from Sunday 2026-10-25.
    expect(bounds('2026-W43', 'Europe/Berlin')).toEqual({
      opensAt: '2026-10-18T22:00:00.000Z',
      closesAt: '2026-10-25T23:00:00.000Z',
      hours: 169,
    });
  });

  it('follows America/New_York across its DST change', () => {
    expect(bounds('2026-W10', 'America/New_York')).toEqual({
      opensAt: '2026-03-02T05:00:00.000Z',
      closesAt: '2026-03-09T04:00:00.000Z',
      hours: 167,
    });
  });

  it('opens before UTC Monday east of UTC', () => {
    expect(bounds('2026-W05', 'Asia/Tokyo')).toEqual({
      opensAt: '2026-01-25T15:00:00.000Z',
      closesAt: '2026-02-01T15:00:00.000Z',
      hours: 168,
    });
    expect(bounds('2027-W01', 'Pacific/Auckland')).toEqual({
      opensAt: '2027-01-03T11:00:00.000Z',
      closesAt: '2027-01-10T11:00:00.000Z',
      hours: 168,
    });
  });

  it('starts at the first instant of Monday when local midnight does not exist', () => {
    // Asia/Tehran moved clocks from 00:00 to 01:00 on Monday 2021-03-22.
    expect(bounds('2021-W12', 'Asia/Tehran').opensAt).toBe('2021-03-21T20:30:00.000Z');
  });

  it('refuses bad weeks and zones', () => {
    expect(() => weekBounds('2025-W53', 'UTC')).toThrow(RangeError);
    expect(() => weekBounds('2026-W01', 'Mars/Base')).toThrow(RangeError);
  });

  it('agrees with weekOf at both edges, in any zone (property)', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Tokyo',
      'Pacific/Auckland',
      'Asia/Kolkata',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        fc.constantFrom(...zones),
        (offset, tz) => {
          const week = addWeeks('2026-W01', offset);
          const { opensAt, closesAt } = weekBounds(week, tz);
          expect(weekOf(opensAt, tz)).toBe(week);
          expect(weekOf(new Date(opensAt.getTime() - 1), tz)).toBe(addWeeks(week, -1));
          expect(weekOf(new Date(closesAt.getTime() - 1), tz)).toBe(week);
          expect(weekBounds(addWeeks(week, 1), tz).opensAt).toEqual(closesAt);
          const hours = (closesAt.getTime() - opensAt.getTime()) / HOUR;
          expect(hours).toBeGreaterThanOrEqual(166);
          expect(hours).toBeLessThanOrEqual(170);
        },
      ),
    );
  });
});

describe('week arithmetic', () => {
  it('adds weeks across year ends, long years included', () => {
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2025-W52', 1)).toBe('2026-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(addWeeks('2026-W10', 0)).toBe('2026-W10');
    expect(addWeeks('2026-W10', -9)).toBe('2026-W01');
    expect(addWeeks('2026-W10', 105)).toBe('2028-W10');
    expect(() => addWeeks('2026-W10', 1.5)).toThrow(RangeError);
  });

  it('counts weeks from a to b', () => {
    expect(weekDiff('2026-W01', '2026-W10')).toBe(9);
    expect(weekDiff('2026-W10', '2026-W01')).toBe(-9);
    expect(weekDiff('2026-W52', '2027-W01')).toBe(2);
    expect(weekDiff('2026-W05', '2026-W05')).toBe(0);
  });

  it('lists inclusive ascending ranges', () => {
    expect(weekRange('2026-W51', '2027-W02')).toEqual([
      '2026-W51',
      '2026-W52',
      '2026-W53',
      '2027-W01',
      '2027-W02',
    ]);
    expect(weekRange('2026-W05', '2026-W05')).toEqual(['2026-W05']);
    expect(weekRange('2026-W06', '2026-W05')).toEqual([]);
  });

  it('orders weeks', () => {
    expect(compareWeeks('2026-W09', '2026-W10')).toBeLessThan(0);
    expect(compareWeeks('2027-W01', '2026-W53')).toBeGreaterThan(0);
    expect(compareWeeks('2026-W10', '2026-W10')).toBe(0);
    expect(() => compareWeeks('2026-W10', 'next week')).toThrow(RangeError);
  });

  it('keeps addWeeks, weekDiff and compareWeeks consistent (property)', () => {
    const week = fc.integer({ min: -3000, max: 3000 }).map((n) => addWeeks('2026-W01', n));
    fc.assert(
      fc.property(week, fc.integer({ min: -600, max: 600 }), (w, n) => {
        const moved = addWeeks(w, n);
        expect(isIsoWeek(moved)).toBe(true);
        expect(weekDiff(w, moved)).toBe(n);
        expect(addWeeks(moved, -n)).toBe(w);
        expect(Math.sign(compareWeeks(moved, w))).toBe(Math.sign(n));
      }),
    );
  });

  it('agrees with luxon’s ISO calendar from year 1 to 9999 (property)', () => {
    const day = fc.integer({ min: Date.UTC(1, 0, 10), max: Date.UTC(9999, 11, 20) });
    fc.assert(
      fc.property(day, fc.integer({ min: -60, max: 60 }), (ms, n) => {
        const d = DateTime.fromMillis(ms, { zone: 'UTC' });
        const week = `${String(d.weekYear).padStart(4, '0')}-W${String(d.weekNumber).padStart(2, '0')}`;
        expect(isIsoWeek(week)).toBe(true);
        expect(isIsoWeek(`${week.slice(0, 6)}${d.weeksInWeekYear + 1}`)).toBe(false);
        const moved = d.plus({ weeks: n });
        if (moved.year < 1 || moved.weekYear > 9999) return;
        expect(addWeeks(week, n)).toBe(
          `${String(moved.weekYear).padStart(4, '0')}-W${String(moved.weekNumber).padStart(2, '0')}`,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
