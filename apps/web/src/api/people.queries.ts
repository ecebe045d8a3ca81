import type { AuditLog, PeopleList, PersonSummary, UpdateUserBody } from '@leeway/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { authKeys } from './auth.queries.ts';
import { api } from './client.ts';
import { teamKeys } from './teams.queries.ts';

export const peopleKeys = {
  all: ['people'] as const,
  list: () => [...peopleKeys.all, 'list'] as const,
  audit: () => ['audit'] as const,
};

/** Everyone in the organisation with role, team, led teams and whether they are active. */
export const peopleList = () =>
  queryOptions({
    queryKey: peopleKeys.list(),
    queryFn: ({ signal }) => api<PeopleList>('/api/people', { signal }),
    select: (data) => data.people,
  });

/** Membership, role, lead, team and settings changes, newest first. */
export const auditLog = () =>
  queryOptions({
    queryKey: peopleKeys.audit(),
    queryFn: ({ signal }) => api<AuditLog>('/api/audit', { signal }),
    select: (data) => data.events,
  });

/** Changes one person (role, team, led teams, active); everything that shows people follows. */
export function useUpdatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: UpdateUserBody & { userId: string }) =>
      api<PersonSummary>(`/api/people/${encodeURIComponent(userId)}`, { method: 'PATCH', body }),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: peopleKeys.all });
      queryClient.invalidateQueries({ queryKey: peopleKeys.audit() });
      queryClient.invalidateQueries({ queryKey: teamKeys.all });
      queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}
