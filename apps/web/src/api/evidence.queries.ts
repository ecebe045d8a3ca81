import type { Drivers, Preflight, PreflightBody, Recommendations } from '@leeway/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';

export const evidenceKeys = {
  all: ['evidence'] as const,
  preflight: (teamId: string, body: PreflightBody) =>
    [
      ...evidenceKeys.all,
      'preflight',
      teamId,
      body.durationWeeks,
      body.baselineWeeks,
      body.primaryOutcome ?? 'engagement',
    ] as const,
  recommendations: (teamId: string) => [...evidenceKeys.all, 'recommendations', teamId] as const,
  drivers: () => [...evidenceKeys.all, 'drivers'] as const,
};

/** The smallest change a design can detect for this team, and what other designs would buy. */
export const experimentPreflight = (teamId: string, body: PreflightBody) =>
  queryOptions({
    queryKey: evidenceKeys.preflight(teamId, body),
    // A pure computation on published weeks: POST only because it takes a design as its body.
    queryFn: ({ signal }) =>
      api<Preflight>(`/api/teams/${encodeURIComponent(teamId)}/experiments/preflight`, {
        method: 'POST',
        body,
        signal,
      }),
    placeholderData: keepPreviousData,
  });

/** What to try next, best first, each with one sentence why. */
export const teamRecommendations = (teamId: string) =>
  queryOptions({
    queryKey: evidenceKeys.recommendations(teamId),
    queryFn: ({ signal }) =>
      api<Recommendations>(`/api/teams/${encodeURIComponent(teamId)}/recommendations`, {
        signal,
      }),
  });

/** How each item goes with eNPS across published team-weeks (HR). */
export const enpsDrivers = () =>
  queryOptions({
    queryKey: evidenceKeys.drivers(),
    queryFn: ({ signal }) => api<Drivers>('/api/org/drivers', { signal }),
  });
