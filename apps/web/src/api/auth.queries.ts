import type { LoginBody, Me, SessionResponse, SignupBody } from '@leeway/contracts';
import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client.ts';

export const authKeys = {
  me: ['me'] as const,
};

/**
 * Whether this browser signed out (or was told it has no session): then the app knows the
 * answer to `/api/me` without asking, and a signed-out page logs no 401. Kept in localStorage so
 * every tab agrees; signing in anywhere clears it. A browser that cannot store it simply asks.
 */
const SIGNED_OUT = 'leeway.signed-out';

function signedOut(): boolean {
  try {
    return localStorage.getItem(SIGNED_OUT) === '1';
  } catch {
    return false;
  }
}

export function rememberSignedOut(value: boolean) {
  try {
    if (value) localStorage.setItem(SIGNED_OUT, '1');
    else localStorage.removeItem(SIGNED_OUT);
  } catch {
    // Storage refused (private mode): the app asks the server each time instead.
  }
}

/** The signed-in user, or `null` when signed out (a 401 is an answer here, not an error). */
export const me = () =>
  queryOptions({
    queryKey: authKeys.me,
    queryFn: async ({ signal }): Promise<Me | null> => {
      if (signedOut()) return null;
      try {
        return await api<Me>('/api/me', { signal });
      } catch (error) {
        if (isApiError(error, 401)) {
          rememberSignedOut(true);
          return null;
        }
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });

/**
 * Everything cached belonged to the previous session. The `me` entry itself is kept and updated in
 * place rather than removed, because mounted components (the header, the route guards) observe it.
 */
function forgetPreviousSession(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
}

export async function startSession(queryClient: QueryClient) {
  rememberSignedOut(false);
  forgetPreviousSession(queryClient);
  await queryClient.fetchQuery({ ...me(), staleTime: 0 });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) =>
      api<SessionResponse>('/api/auth/login', { method: 'POST', body }),
    onSuccess: () => startSession(queryClient),
  });
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignupBody) =>
      api<SessionResponse>('/api/auth/signup', { method: 'POST', body }),
    onSuccess: () => startSession(queryClient),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      rememberSignedOut(true);
      forgetPreviousSession(queryClient);
      queryClient.setQueryData(authKeys.me, null);
    },
  });
}
