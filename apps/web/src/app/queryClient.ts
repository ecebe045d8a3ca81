import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { authKeys, rememberSignedOut } from '../api/auth.queries.ts';
import { isApiError } from '../api/client.ts';

export function createQueryClient() {
  // A 401 anywhere means the session ended: forget the user so protected pages send them to sign in.
  const onError = (error: unknown) => {
    if (isApiError(error, 401)) {
      rememberSignedOut(true);
      queryClient.setQueryData(authKeys.me, null);
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx answers will not change by asking again.
        retry: (failures, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
        // A failed answer already fetched (a team page opened directly is prefetched beside the
        // session check) is shown with its "Try again" button, not silently asked for again by
        // every component that mounts: a forbidden page asks once.
        retryOnMount: false,
      },
    },
  });
  return queryClient;
}
