import { Problem } from '@leeway/contracts';

const described = (description: string) => ({ ...Problem, description });

const byStatus = {
  400: described('Invalid input; `errors` names each offending field'),
  401: described('No session, or the session is invalid or expired'),
  403: described('Signed in, but this role may not do this'),
  404: described('Unknown, or belongs to another organisation'),
  409: described('Conflicts with the current state; nothing was changed'),
  410: described('No longer available'),
  413: described('Request body too large'),
  415: described('Only application/json is accepted'),
  429: described('Rate limited; retry after the time in Retry-After'),
  500: described('Unexpected error; details are in the server log, never in the response'),
  503: described('A dependency (the database) is unavailable'),
} as const;

type Status = keyof typeof byStatus;

/** The shared error-response block spread into every route's `response` schema. */
export function errorResponses(...statuses: Status[]) {
  const all: Status[] = [...new Set<Status>([...statuses, 500])];
  return Object.fromEntries(all.map((s) => [s, byStatus[s]])) as Record<Status, typeof Problem>;
}
