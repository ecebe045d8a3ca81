import type { Experiment } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { teamExperiments } from '../../../api/experiments.queries.ts';
import type { WeekBand } from '../../../components/charts/types.ts';
import { experimentTypeText } from '../../../lib/experiments.ts';
import { addWeeks } from '../../../lib/week.ts';
import type { ExperimentScope } from './types.ts';

/** How far past `to` a planned experiment is still shaded (as far ahead as one can be launched). */
const UPCOMING_WEEKS = 12;

/**
 * Experiments that hold weeks between `from` and `to`, and planned ones starting soon after;
 * cancelled ones are not shaded.
 */
export function experimentBands(experiments: Experiment[], from: string, to: string): WeekBand[] {
  const horizon = addWeeks(to, UPCOMING_WEEKS);
  return experiments
    .filter((e) => e.status !== 'cancelled' && e.startWeek <= horizon && e.endWeek >= from)
    .map((e) => ({
      from: e.startWeek,
      to: e.endWeek,
      label: e.title || experimentTypeText[e.type].name,
    }))
    .sort((a, b) => (a.from < b.from ? -1 : 1));
}

/** Weeks to shade on the team's charts, labelled with the experiment's title. */
export function useExperimentBands({ teamId, from, to }: ExperimentScope): WeekBand[] {
  const { data } = useQuery(teamExperiments(teamId));
  return useMemo(() => experimentBands(data ?? [], from, to), [data, from, to]);
}
