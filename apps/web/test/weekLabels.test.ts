import { describe, expect, it } from 'vitest';
import { formatWeek, formatWeekList, formatWeekParts, formatWeekSpan } from '../src/lib/format.ts';
import { currentWeek, sundayOf } from '../src/lib/week.ts';

// Dates follow the browser's language; the expected ones are written with the same formatter.
const longDate = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const day = (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`));
const span = (from: string, to: string) =>
  longDate.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));

describe('week labels', () => {
  it('names a week by its number and its Monday', () => {
    expect(formatWeek('2026-W10')).toBe(`Week 10 · ${day('2026-03-02')}`);
    expect(formatWeekParts('2026-W01')).toEqual({ label: 'Week 1', monday: day('2025-12-29') });
    expect(formatWeek('2026-W53')).toBe(`Week 53 · ${day('2026-12-28')}`);
  });

  it('spans weeks from the first Monday to the last Sunday, naming years only across one', () => {
    expect(formatWeekSpan('2026-W47', '2026-W47')).toBe(
      `Week 47 · ${span('2026-11-16', '2026-11-22')}`,
    );
    expect(formatWeekSpan('2026-W47', '2026-W48')).toBe(
      `Weeks 47–48 · ${span('2026-11-16', '2026-11-29')}`,
    );
    expect(formatWeekSpan('2026-W52', '2027-W02')).toBe(
      `Week 52 of 2026 to week 2 of 2027 · ${span('2026-12-21', '2027-01-17')}`,
    );
  });

  it('lists weeks with gaps one by one, and a run as a span', () => {
    expect(formatWeekList(['2026-W39', '2026-W41', '2026-W42'])).toBe('Weeks 39, 41 and 42 · 2026');
    expect(formatWeekList(['2026-W52', '2026-W53', '2027-W01'])).toBe(
      formatWeekSpan('2026-W52', '2027-W01'),
    );
    expect(formatWeekList([])).toBe('no weeks');
  });
});

describe('the week in progress', () => {
  it("is the week of the organisation's calendar date", () => {
    // Sunday 23:30 in UTC is already Monday in Tokyo.
    const now = new Date('2026-03-01T23:30:00Z');
    expect(currentWeek('UTC', now)).toBe('2026-W09');
    expect(currentWeek('Asia/Tokyo', now)).toBe('2026-W10');
  });

  it('falls back to UTC for a zone the browser does not know', () => {
    expect(currentWeek('Not/A_Zone', new Date('2026-03-01T23:30:00Z'))).toBe('2026-W09');
  });

  it('ends on Sunday', () => {
    expect(sundayOf('2026-W10').toISOString()).toBe('2026-03-08T00:00:00.000Z');
  });
});
