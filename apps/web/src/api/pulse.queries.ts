import type { Pulse, PulseSubmitted, SubmitPulseBody } from '@leeway/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client.ts';
import { trendKeys } from './trends.queries.ts';

export const pulseKeys = {
  all: ['pulse'] as const,
  current: () => [...pulseKeys.all, 'current'] as const,
};

/** This week's pulse of the caller's team, or `null` when the caller is not a member of any team. */
export const currentPulse = () =>
  queryOptions({
    queryKey: pulseKeys.current(),
    queryFn: async ({ signal }): Promise<Pulse | null> => {
      try {
        return await api<Pulse>('/api/pulse', { signal });
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
    // A tab left open learns, when looked at again, that the pulse was answered elsewhere.
    refetchOnWindowFocus: 'always',
  });

export function useSubmitPulse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitPulseBody) =>
      api<PulseSubmitted>('/api/pulse/responses', { method: 'POST', body }),
    onSuccess: () => {
      queryClient.setQueryData<Pulse | null>(pulseKeys.current(), (pulse) =>
        pulse ? { ...pulse, answered: true } : pulse,
      );
      queryClient.invalidateQueries({ queryKey: trendKeys.all });
    },
    // Refused (answered in another tab, or the week closed): show the pulse as it is now.
    onError: (error) => {
      if (isApiError(error, 409)) queryClient.invalidateQueries({ queryKey: pulseKeys.current() });
    },
  });
}
