import type { Experiment } from '@leeway/contracts';

/** The experiment running now, or the next planned one. */
export const runningOrPlanned = (experiments: Experiment[]) =>
  experiments.find((e) => e.status === 'running') ??
  experiments.findLast((e) => e.status === 'planned');

/** Completed experiments, newest first (the list comes newest first). */
export const completed = (experiments: Experiment[]) =>
  experiments.filter((e) => e.status === 'completed');
