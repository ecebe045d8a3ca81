import { describe, expect, it } from 'vitest';
import {
  BEFORE_START_TEXT,
  fromFirstMembers,
  hiddenText,
  openUntilText,
  openWeekText,
  reasonOf,
  weeksBeforeStart,
} from '../src/lib/hidden.ts';

describe('the wording of a hidden figure', () => {
  it('says why, in one wording per reason', () => {
    expect(hiddenText('fewer_than_k', 5)).toBe('fewer than 5 answers');
    expect(hiddenText('fewer_than_k', 7)).toBe('fewer than 7 answers');
    expect(hiddenText('protecting', 5)).toBe('hidden to protect a smaller team');
    expect(hiddenText('no_data', 5)).toBe('no members yet');
    expect(hiddenText('open', 5)).toBe('this week is still open');
    expect(BEFORE_START_TEXT).toBe('before the team existed');
  });

  it('reads a suppressed week without a stored reason as fewer than k answers', () => {
    expect(reasonOf({ suppressed: true, reason: null })).toBe('fewer_than_k');
    expect(reasonOf({ suppressed: true, reason: 'protecting' })).toBe('protecting');
    expect(reasonOf({ suppressed: false, reason: null })).toBeNull();
  });
});

describe('weeks before a team had members', () => {
  const weeks = (...reasons: ('no_data' | 'fewer_than_k' | null)[]) =>
    reasons.map((reason, i) => ({ week: i, reason }));

  it('are left out at the start only', () => {
    const series = weeks('no_data', 'no_data', null, 'no_data', 'fewer_than_k');
    expect(weeksBeforeStart(series)).toBe(2);
    expect(fromFirstMembers(series).map((w) => w.week)).toEqual([2, 3, 4]);
    expect(fromFirstMembers(weeks(null, 'no_data'))).toHaveLength(2);
  });

  it('are every week of a team that never had members', () => {
    expect(weeksBeforeStart(weeks('no_data', 'no_data'))).toBe(2);
    expect(fromFirstMembers(weeks('no_data', 'no_data'))).toEqual([]);
  });
});

describe('the week in progress', () => {
  // Closes Monday 7 Dec 2026 00:00 in Berlin (23:00 UTC the day before).
  const current = { week: '2026-W49', closesAt: '2026-12-06T23:00:00.000Z' };

  it("says when it closes: the last minute of Sunday, in the organisation's zone, named", () => {
    const text = openUntilText(current, 'Europe/Berlin');
    expect(text).toMatch(/^open until .*23:59.* \(Europe\/Berlin\)$/);
    expect(text).toMatch(/Sunday|Sun/);
    expect(openWeekText(current, 'Europe/Berlin')).toMatch(/^Week 49 · .* · open until /);
  });

  it('falls back to UTC, named, for a zone the browser does not know', () => {
    expect(openUntilText(current, 'Not/A_Zone')).toMatch(/22:59.* \(UTC\)$/);
  });
});
