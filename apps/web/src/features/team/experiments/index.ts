/**
 * Ownership experiments on the team page (docs/product.md §5 and §7): the weeks to shade on the
 * trend charts (`useExperimentBands`) and the section below the trends with the team's
 * experiments, its ideas and — for its lead and HR — the launch form.
 */

export { ExperimentsSection } from './ExperimentsSection.tsx';
export type { ExperimentScope } from './types.ts';
export { useExperimentBands } from './useExperimentBands.ts';
