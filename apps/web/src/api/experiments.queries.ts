import type {
  CreateExperimentBody,
  Experiment,
  ExperimentList,
  Impact,
  UpdateExperimentBody,
} from '@leeway/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client.ts';
import { ideaKeys } from './ideas.queries.ts';
import { orgKeys } from './org.queries.ts';

export const experimentKeys = {
  all: ['experiments'] as const,
  team: (teamId: string) => [...experimentKeys.all, 'team', teamId] as const,
  detail: (id: string) => [...experimentKeys.all, 'detail', id] as const,
  impact: (id: string) => [...experimentKeys.all, 'detail', id, 'impact'] as const,
};

/** The team's experiments, newest first, and the weeks from now on that they hold. */
export const teamExperimentList = (teamId: string) =>
  queryOptions({
    queryKey: experimentKeys.team(teamId),
    queryFn: ({ signal }) =>
      api<ExperimentList>(`/api/teams/${encodeURIComponent(teamId)}/experiments`, { signal }),
  });

/** The team's experiments, newest first. */
export const teamExperiments = (teamId: string) =>
  queryOptions({ ...teamExperimentList(teamId), select: (data) => data.experiments });

export const experiment = (id: string) =>
  queryOptions({
    queryKey: experimentKeys.detail(id),
    queryFn: ({ signal }) =>
      api<Experiment>(`/api/experiments/${encodeURIComponent(id)}`, { signal }),
  });

/** Before/after effect, DiD and item changes; suppressed below k. A cancelled experiment answers 409. */
export const experimentImpact = (id: string) =>
  queryOptions({
    queryKey: experimentKeys.impact(id),
    queryFn: ({ signal }) =>
      api<Impact>(`/api/experiments/${encodeURIComponent(id)}/impact`, { signal }),
  });

export function useLaunchExperiment(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateExperimentBody) =>
      api<Experiment>(`/api/teams/${encodeURIComponent(teamId)}/experiments`, {
        method: 'POST',
        body,
      }),
    onSuccess: (created) => {
      queryClient.setQueryData(experimentKeys.detail(created.id), created);
      queryClient.invalidateQueries({ queryKey: experimentKeys.team(teamId) });
      queryClient.invalidateQueries({ queryKey: ideaKeys.team(teamId) });
      queryClient.invalidateQueries({ queryKey: orgKeys.all });
    },
    // Someone else took those weeks meanwhile: refresh the list so the week picker shows it.
    onError: (error) => {
      if (isApiError(error, 409)) {
        queryClient.invalidateQueries({ queryKey: experimentKeys.team(teamId) });
      }
    },
  });
}

/** Cancel (`{status: 'cancelled'}`), or record the decision and learnings once it has completed. */
export function useUpdateExperiment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateExperimentBody) =>
      api<Experiment>(`/api/experiments/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(experimentKeys.detail(id), updated);
      queryClient.invalidateQueries({ queryKey: experimentKeys.team(updated.teamId) });
      if (updated.status === 'cancelled') {
        queryClient.removeQueries({ queryKey: experimentKeys.impact(id) });
        queryClient.invalidateQueries({ queryKey: orgKeys.all });
      }
    },
  });
}
