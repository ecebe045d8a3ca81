import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, type ElementType, lazy, useState } from 'react';
import { BrowserRouter, matchPath, Route, Routes } from 'react-router';
import { Layout } from '../components/Layout.tsx';
import { prefetchTeamPage } from '../features/team/preload.ts';
import { GuestOnly, RequireAuth, RequireRole } from './guards.tsx';

/**
 * Each page is its own chunk; the sign-in page must not pay for charts or admin tables.
 * `preload()` fetches the chunk ahead of need. A page whose chunk is already here renders at once
 * rather than through Suspense: React reveals suspended content no sooner than 300 ms after its
 * fallback appeared, which would hold back a page whose code and data were both ready.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  let loaded: ComponentType | undefined;
  const preload = async () => {
    loaded = (await load())[name];
    return { default: loaded };
  };
  const Lazy = lazy(preload);
  // biome-ignore lint/correctness/noComponentHookFactories: made once per page, at module level
  function Page() {
    // Chosen once per mount: switching from the lazy component to the loaded one would remount it.
    const [Component] = useState<ElementType>(() => loaded ?? Lazy);
    return <Component />;
  }
  return Object.assign(Page, { preload });
}

const SignInPage = page(() => import('../features/auth/SignInPage.tsx'), 'SignInPage');
const SignUpPage = page(() => import('../features/auth/SignUpPage.tsx'), 'SignUpPage');
const AcceptInvitationPage = page(
  () => import('../features/auth/AcceptInvitationPage.tsx'),
  'AcceptInvitationPage',
);
const HomePage = page(() => import('../features/home/HomePage.tsx'), 'HomePage');
const AdminPage = page(() => import('../features/admin/AdminPage.tsx'), 'AdminPage');
const PulsePage = page(() => import('../features/pulse/PulsePage.tsx'), 'PulsePage');
const TeamPage = page(() => import('../features/team/TeamPage.tsx'), 'TeamPage');
const ExperimentPage = page(
  () => import('../features/experiment/ExperimentPage.tsx'),
  'ExperimentPage',
);
const OrgPage = page(() => import('../features/org/OrgPage.tsx'), 'OrgPage');
const PeoplePage = page(() => import('../features/people/PeoplePage.tsx'), 'PeoplePage');
const ForgotPasswordPage = page(
  () => import('../features/account/ForgotPasswordPage.tsx'),
  'ForgotPasswordPage',
);
const ResetPasswordPage = page(
  () => import('../features/account/ResetPasswordPage.tsx'),
  'ResetPasswordPage',
);
const UnsubscribePage = page(
  () => import('../features/account/UnsubscribePage.tsx'),
  'UnsubscribePage',
);
const ProfilePage = page(() => import('../features/account/ProfilePage.tsx'), 'ProfilePage');
const OutboxPage = page(() => import('../features/outbox/OutboxPage.tsx'), 'OutboxPage');
const NotFoundPage = page(() => import('../features/not-found/NotFoundPage.tsx'), 'NotFoundPage');

/**
 * The page the app opens on, when it is one whose first paint waits on data: start its code and
 * data beside the session check (paths as in the routes below).
 */
export function preloadOpeningPage(queryClient: QueryClient, { pathname, search }: Location) {
  const team = matchPath('/teams/:teamId', pathname);
  if (team?.params.teamId) {
    prefetchTeamPage(queryClient, team.params.teamId, search);
    TeamPage.preload().catch(() => undefined); // the page meets and shows the failure itself
  }
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route element={<GuestOnly />}>
              <Route path="signin" element={<SignInPage />} />
              <Route path="signup" element={<SignUpPage />} />
              <Route path="forgot-password" element={<ForgotPasswordPage />} />
            </Route>
            <Route path="accept" element={<AcceptInvitationPage />} />
            <Route path="reset-password" element={<ResetPasswordPage />} />
            <Route path="unsubscribe" element={<UnsubscribePage />} />
            <Route element={<RequireAuth />}>
              <Route index element={<HomePage />} />
              <Route path="pulse" element={<PulsePage />} />
              <Route path="teams/:teamId" element={<TeamPage />} />
              <Route path="experiments/:id" element={<ExperimentPage />} />
              <Route path="profile" element={<ProfilePage />} />
              <Route element={<RequireRole roles={['admin']} />}>
                <Route path="outbox" element={<OutboxPage />} />
                <Route path="org" element={<OrgPage />} />
                <Route path="admin" element={<AdminPage />} />
                <Route path="people" element={<PeoplePage />} />
              </Route>
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
