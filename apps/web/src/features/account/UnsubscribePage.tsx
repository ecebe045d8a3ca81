import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { unsubscribeInfo, useUnsubscribe } from '../../api/account.queries.ts';
import { ErrorState, FormError, Loading } from '../../components/States.tsx';

/** Opened from the link in a message; works signed out: the link itself is the authority. */
export function UnsubscribePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const info = useQuery({ ...unsubscribeInfo(token), enabled: token !== '' });
  const unsubscribe = useUnsubscribe();

  return (
    <div className="narrow">
      <title>Unsubscribe · Leeway</title>
      <h1>Unsubscribe</h1>
      {token === '' ? (
        <div className="alert alert-error" role="alert">
          <p className="state-title">This link has nothing to unsubscribe from.</p>
        </div>
      ) : info.isPending ? (
        <Loading label="Opening the link…" />
      ) : info.isError ? (
        <ErrorState error={info.error} title="This unsubscribe link is not valid" />
      ) : unsubscribe.isSuccess ? (
        <div className="alert" role="status">
          <p className="state-title">You are unsubscribed.</p>
          <p>
            {info.data.email} no longer gets {info.data.description}. You can switch it on again on
            your profile page.
          </p>
        </div>
      ) : (
        <div className="stack">
          <p>
            Stop sending {info.data.description} to <strong>{info.data.email}</strong>?
          </p>
          <FormError error={unsubscribe.error} />
          <button
            type="button"
            className="button"
            disabled={unsubscribe.isPending}
            onClick={() => unsubscribe.mutate(token)}
          >
            {unsubscribe.isPending ? 'Unsubscribing…' : 'Unsubscribe'}
          </button>
        </div>
      )}
    </div>
  );
}
