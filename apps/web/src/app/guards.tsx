import type { Role } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { Link, Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { me } from '../api/auth.queries.ts';
import { ErrorState, Loading } from '../components/States.tsx';
import { safeReturnTo, useSession } from './session.ts';

/** Protected pages: signed-out visitors go to /signin and come back here afterwards. */
export function RequireAuth() {
  const location = useLocation();
  const session = useQuery(me());
  // The page follows the session in a deferred (transition) render: if its code is still on the
  // way, React keeps this message up until it is here, instead of swapping in the layout's
  // fallback — after which React reveals the page no sooner than 300 ms later, ready or not.
  const checking = useDeferredValue(session.isPending);
  if (checking) return <Loading label="Checking your session…" />;
  if (session.isError) {
    return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  }
  if (!session.data) {
    const returnTo = `${location.pathname}${location.search}`;
    const search = returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    return <Navigate to={`/signin${search}`} replace />;
  }
  return <Outlet />;
}

/** Sign-in and sign-up: someone already signed in goes where they were heading. */
export function GuestOnly() {
  const [params] = useSearchParams();
  const session = useQuery(me());
  if (session.isPending) return <Loading />;
  if (session.data) return <Navigate to={safeReturnTo(params.get('returnTo'))} replace />;
  return <Outlet />;
}

export function RequireRole({ roles }: { roles: Role[] }) {
  const session = useSession();
  if (!roles.includes(session.user.role)) return <Forbidden />;
  return <Outlet />;
}

export function Forbidden() {
  return (
    <>
      <title>Not allowed · Leeway</title>
      <h1>You don't have access to this page</h1>
      <p>
        It is for other roles in your organisation. <Link to="/">Go to your home page</Link>.
      </p>
    </>
  );
}
