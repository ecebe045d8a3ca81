/**
 * Extension point for ownership experiments (PRODUCT.md §5 and §7).
 *
 * The team page asks this module which weeks to shade on its trend charts and renders
 * `<ExperimentsSection>` below the trends. Today there are no experiments in the API, so
 * both are empty. The experiments change fills them in: fetch
 * `GET /api/teams/:teamId/experiments` through an `experiments.queries.ts`, map each
 * experiment to a band from `startWeek` to `startWeek + durationWeeks − 1`, and render the
 * list, launch form and impact charts from components in this folder.
 */
import type { WeekBand } from '../../../components/charts/types.ts';
import type { ExperimentScope } from './types.ts';

export type { ExperimentScope } from './types.ts';

/** Weeks to shade on the team's charts, labelled with the experiment's title. */
export function useExperimentBands(_scope: ExperimentScope): WeekBand[] {
  return [];
}

export { ExperimentsSection } from './ExperimentsSection.tsx';
