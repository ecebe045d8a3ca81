import type { OrgSettings, UpdateOrgSettingsBody } from '@leeway/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export const settingsKeys = {
  org: ['org', 'settings'] as const,
};

export const orgSettings = () =>
  queryOptions({
    queryKey: settingsKeys.org,
    queryFn: ({ signal }) => api<OrgSettings>('/api/org/settings', { signal }),
  });

export function useUpdateOrgSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrgSettingsBody) =>
      api<OrgSettings>('/api/org/settings', { method: 'PATCH', body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKeys.org, settings);
      // k and the time zone change every aggregate and week shown, so nothing cached still holds.
      queryClient.invalidateQueries({
        predicate: (query) => query.queryKey.join('/') !== settingsKeys.org.join('/'),
      });
    },
  });
}
