import { QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, lazy, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from '../components/Layout.tsx';
import { GuestOnly, RequireAuth, RequireRole } from './guards.tsx';
import { createQueryClient } from './queryClient.ts';

/** Each page is its own chunk; the sign-in page must not pay for charts or admin tables. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
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
const NotFoundPage = page(() => import('../features/not-found/NotFoundPage.tsx'), 'NotFoundPage');

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route element={<GuestOnly />}>
              <Route path="signin" element={<SignInPage />} />
              <Route path="signup" element={<SignUpPage />} />
            </Route>
            <Route path="accept" element={<AcceptInvitationPage />} />
            <Route element={<RequireAuth />}>
              <Route index element={<HomePage />} />
              <Route path="pulse" element={<PulsePage />} />
              <Route path="teams/:teamId" element={<TeamPage />} />
              <Route path="experiments/:id" element={<ExperimentPage />} />
              <Route element={<RequireRole roles={['admin']} />}>
                <Route path="org" element={<OrgPage />} />
                <Route path="admin" element={<AdminPage />} />
              </Route>
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
