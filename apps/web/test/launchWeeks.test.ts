import type { Experiment } from '@leeway/contracts';
import { describe, expect, it } from 'vitest';
import { clashOf, firstFreeWeek, holdsOf } from '../src/features/team/experiments/launchWeeks.ts';

const experiment = (id: string, title: string) => ({ id, title }) as Experiment;

describe('the weeks the launch form offers', () => {
  const holds = holdsOf(
    [
      { experimentId: 'b', from: '2026-W51', to: '2026-W52' },
      // Cancelled this week: it keeps this week (the server says so), not the rest.
      { experimentId: 'a', from: '2026-W49', to: '2026-W49' },
    ],
    [experiment('a', 'Cancelled this week'), experiment('b', 'Planned')],
  );

  it('names the taken weeks by their experiment, earliest first', () => {
    expect(holds).toEqual([
      { from: '2026-W49', to: '2026-W49', title: 'Cancelled this week' },
      { from: '2026-W51', to: '2026-W52', title: 'Planned' },
    ]);
  });

  it('starts by default in the first week nobody holds', () => {
    expect(firstFreeWeek(['2026-W49', '2026-W50', '2026-W51'], holds)).toBe('2026-W50');
    expect(firstFreeWeek(['2026-W49'], holds)).toBe('');
  });

  it('finds the experiment a start and duration would overlap, across the turn of the year', () => {
    expect(clashOf(holds, '2026-W50', 1)).toBeUndefined();
    expect(clashOf(holds, '2026-W50', 2)?.title).toBe('Planned');
    expect(clashOf(holds, '2026-W53', 4)).toBeUndefined();
    expect(clashOf(holds, '2026-W48', 2)?.title).toBe('Cancelled this week');
  });
});
