import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { me, useSignOut } from '../api/auth.queries.ts';
import { Loading } from './States.tsx';

function SignOutButton() {
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <button
      type="button"
      className="button button-secondary button-small"
      disabled={signOut.isPending}
      onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/signin') })}
    >
      Sign out
    </button>
  );
}

/** Moves focus to the main region after in-app navigation, so screen readers start on the new page. */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [pathname]);
  return mainRef;
}

export function Layout() {
  const { data: session } = useQuery(me());
  const mainRef = useFocusMainOnNavigation();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            Leeway
          </Link>
          {session ? (
            <nav aria-label="Main" className="main-nav">
              <ul>
                <li>
                  <NavLink to="/" end>
                    Home
                  </NavLink>
                </li>
                {session.memberOf ? (
                  <li>
                    <NavLink to="/pulse">Pulse</NavLink>
                  </li>
                ) : null}
                {session.user.role === 'admin' ? (
                  <>
                    <li>
                      <NavLink to="/org">Organisation</NavLink>
                    </li>
                    <li>
                      <NavLink to="/people">People</NavLink>
                    </li>
                    <li>
                      <NavLink to="/admin">Admin</NavLink>
                    </li>
                    <li>
                      <NavLink to="/outbox">Outbox</NavLink>
                    </li>
                  </>
                ) : null}
              </ul>
            </nav>
          ) : null}
          {session ? (
            <div className="account">
              <p className="account-who">
                <Link to="/profile" className="account-name" title="Your profile">
                  {session.user.name}
                </Link>
                <span className="account-org">{session.org.name}</span>
              </p>
              <SignOutButton />
            </div>
          ) : session === null ? (
            <nav aria-label="Account" className="main-nav">
              <ul>
                <li>
                  <NavLink to="/signin">Sign in</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">Create an organisation</NavLink>
                </li>
              </ul>
            </nav>
          ) : null}
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="container main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
