import type { ExperimentScope } from './types.ts';

/** Placeholder for the experiments panel; renders nothing until the experiments API lands. */
export function ExperimentsSection(_props: ExperimentScope & { canManage: boolean }) {
  return null;
}
