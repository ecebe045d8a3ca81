import type { Me } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { me } from '../api/auth.queries.ts';

/** The signed-in user; only for pages under `RequireAuth`, which waits for it. */
export function useSession(): Me {
  const { data } = useQuery(me());
  if (!data) throw new Error('useSession is only for pages behind RequireAuth');
  return data;
}

export function canSeeTeamDetails(session: Me, teamId: string): boolean {
  return session.user.role === 'admin' || session.leads.some((t) => t.id === teamId);
}

/** Only same-site paths, so a crafted `returnTo` cannot send someone elsewhere after signing in. */
export function safeReturnTo(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
