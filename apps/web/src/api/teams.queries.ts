import type { CreateTeamBody, MemberList, Team, TeamList, UpdateTeamBody } from '@leeway/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { authKeys } from './auth.queries.ts';
import { api } from './client.ts';

export const teamKeys = {
  all: ['teams'] as const,
  list: () => [...teamKeys.all, 'list'] as const,
  detail: (teamId: string) => [...teamKeys.all, 'detail', teamId] as const,
  members: (teamId: string) => [...teamKeys.all, 'detail', teamId, 'members'] as const,
};

export const teamList = () =>
  queryOptions({
    queryKey: teamKeys.list(),
    queryFn: ({ signal }) => api<TeamList>('/api/teams', { signal }),
    select: (data) => data.teams,
  });

export const team = (teamId: string) =>
  queryOptions({
    queryKey: teamKeys.detail(teamId),
    queryFn: ({ signal }) => api<Team>(`/api/teams/${encodeURIComponent(teamId)}`, { signal }),
  });

export const teamMembers = (teamId: string) =>
  queryOptions({
    queryKey: teamKeys.members(teamId),
    queryFn: ({ signal }) =>
      api<MemberList>(`/api/teams/${encodeURIComponent(teamId)}/members`, { signal }),
  });

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTeamBody) => api<Team>('/api/teams', { method: 'POST', body }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: teamKeys.all });
      queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}

export function useRenameTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, ...body }: UpdateTeamBody & { teamId: string }) =>
      api<Team>(`/api/teams/${encodeURIComponent(teamId)}`, { method: 'PATCH', body }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: teamKeys.all });
      queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}
