import type { Comments, Trends } from '@leeway/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';

export interface WeekRange {
  from?: string;
  to?: string;
}

export const trendKeys = {
  all: ['trends'] as const,
  team: (teamId: string, range: WeekRange = {}) =>
    [...trendKeys.all, 'team', teamId, range.from ?? null, range.to ?? null] as const,
  comments: (teamId: string, week?: string) =>
    [...trendKeys.all, 'comments', teamId, week ?? 'last-closed'] as const,
};

/**
 * Closed weeks of one team, each published or hidden with its reason, and the week in progress
 * (`current`). Without a range, the API's default.
 */
export const teamTrends = (teamId: string, range: WeekRange = {}) =>
  queryOptions({
    queryKey: trendKeys.team(teamId, range),
    queryFn: ({ signal }) =>
      api<Trends>(`/api/teams/${encodeURIComponent(teamId)}/trends`, {
        query: { from: range.from, to: range.to },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

/**
 * Comments of one closed team-week (the last closed one without `week`); none, with the reason,
 * for a hidden week or the week in progress.
 */
export const teamComments = (teamId: string, week?: string) =>
  queryOptions({
    queryKey: trendKeys.comments(teamId, week),
    queryFn: ({ signal }) =>
      api<Comments>(`/api/teams/${encodeURIComponent(teamId)}/comments`, {
        query: { week },
        signal,
      }),
  });
