import type { CreateIdeaBody, Idea, IdeaList } from '@leeway/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export const ideaKeys = {
  all: ['ideas'] as const,
  team: (teamId: string) => [...ideaKeys.all, 'team', teamId] as const,
};

/** The team's experiment ideas, most-voted first. */
export const teamIdeas = (teamId: string) =>
  queryOptions({
    queryKey: ideaKeys.team(teamId),
    queryFn: ({ signal }) =>
      api<IdeaList>(`/api/teams/${encodeURIComponent(teamId)}/ideas`, { signal }),
    select: (data) => data.ideas,
  });

export function useProposeIdea(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIdeaBody) =>
      api<Idea>(`/api/teams/${encodeURIComponent(teamId)}/ideas`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ideaKeys.team(teamId) }),
  });
}

/**
 * Vote for an idea or withdraw the vote. The list is updated in place rather than refetched, so
 * the idea does not jump away from the pointer when the vote changes its rank.
 */
export function useVoteForIdea(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ideaId, vote }: { ideaId: string; vote: boolean }) =>
      api<Idea>(`/api/ideas/${encodeURIComponent(ideaId)}/vote`, {
        method: vote ? 'POST' : 'DELETE',
      }),
    onSuccess: (idea) =>
      queryClient.setQueryData<IdeaList>(ideaKeys.team(teamId), (list) =>
        list ? { ideas: list.ideas.map((i) => (i.id === idea.id ? idea : i)) } : list,
      ),
  });
}
