import type { Experiment, TakenWeeks } from '@leeway/contracts';
import { addWeeks } from '../../../lib/week.ts';

/** Weeks an experiment holds, named by its title. */
export interface Hold {
  from: string;
  to: string;
  title: string;
}

/** The weeks the server says are taken, named by their experiment's title, earliest first. */
export function holdsOf(
  takenWeeks: readonly TakenWeeks[],
  experiments: readonly Experiment[],
): Hold[] {
  const titles = new Map(experiments.map((e) => [e.id, e.title]));
  return takenWeeks
    .map((w) => ({ from: w.from, to: w.to, title: titles.get(w.experimentId) ?? '' }))
    .sort((a, b) => (a.from < b.from ? -1 : 1));
}

/** The experiment holding any of the weeks `start` … `start + duration − 1`. */
export function clashOf(holds: readonly Hold[], start: string, duration: number): Hold | undefined {
  for (let i = 0; i < duration; i++) {
    const week = addWeeks(start, i);
    const hold = holds.find((h) => h.from <= week && week <= h.to);
    if (hold) return hold;
  }
  return undefined;
}

/** The first of `starts` that no experiment holds, or '' when all are taken. */
export const firstFreeWeek = (starts: readonly string[], holds: readonly Hold[]): string =>
  starts.find((week) => !clashOf(holds, week, 1)) ?? '';
