import { describe, expect, it } from 'vitest';
import {
  experimentStatus,
  impactWindows,
  occupiedWeeks,
  rangesOverlap,
} from '../src/experiments.ts';

const e = (
  startWeek: string,
  durationWeeks = 2,
  baselineWeeks = 2,
  cancelledWeek: string | null = null,
) => ({
  startWeek,
  durationWeeks,
  baselineWeeks,
  cancelledWeek,
});

describe('experiment calendar', () => {
  it('follows the calendar from planned to running to completed', () => {
    expect(experimentStatus(e('2026-W10'), '2026-W09')).toBe('planned');
    expect(experimentStatus(e('2026-W10'), '2026-W10')).toBe('running');
    expect(experimentStatus(e('2026-W10'), '2026-W11')).toBe('running');
    expect(experimentStatus(e('2026-W10'), '2026-W12')).toBe('completed');
    expect(experimentStatus(e('2026-W10', 2, 2, '2026-W10'), '2026-W12')).toBe('cancelled');
  });

  it('frees the weeks a cancellation gives back', () => {
    expect(occupiedWeeks(e('2026-W52', 3))).toEqual({ from: '2026-W52', to: '2027-W01' });
    expect(occupiedWeeks(e('2026-W10', 4, 2, '2026-W08'))).toBeNull();
    expect(occupiedWeeks(e('2026-W10', 4, 2, '2026-W11'))).toEqual({
      from: '2026-W10',
      to: '2026-W11',
    });
    expect(occupiedWeeks(e('2026-W10', 2, 2, '2026-W30'))).toEqual({
      from: '2026-W10',
      to: '2026-W11',
    });
  });

  it('detects overlaps', () => {
    expect(
      rangesOverlap({ from: '2026-W10', to: '2026-W11' }, { from: '2026-W11', to: '2026-W12' }),
    ).toBe(true);
    expect(
      rangesOverlap({ from: '2026-W10', to: '2026-W11' }, { from: '2026-W12', to: '2026-W12' }),
    ).toBe(false);
  });

  it('windows before and after, cut at the current week while running', () => {
    expect(impactWindows(e('2026-W10', 3, 2), '2026-W20')).toEqual({
      before: { from: '2026-W08', to: '2026-W09' },
      after: { from: '2026-W10', to: '2026-W12' },
      partial: false,
    });
    expect(impactWindows(e('2026-W10', 3, 1), '2026-W11')).toEqual({
      before: { from: '2026-W09', to: '2026-W09' },
      after: { from: '2026-W10', to: '2026-W11' },
      partial: true,
    });
    expect(impactWindows(e('2026-W10'), '2026-W05').after).toBeNull();
  });
});
