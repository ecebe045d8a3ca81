import type { InvitationPreview } from '@leeway/contracts';
import { PASSWORD_MIN } from '@leeway/contracts/limits';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { invitationPreview, useAcceptInvitation } from '../../api/invitations.queries.ts';
import { Field } from '../../components/Field.tsx';
import { focusFirstInvalid, passwordProblem, serverFieldError } from '../../components/forms.ts';
import { ErrorState, FormError, Loading } from '../../components/States.tsx';

const roleWords: Record<InvitationPreview['role'], string> = {
  admin: 'an admin',
  lead: 'a team lead',
  member: 'a member',
};

function InvitationUnusable({ error }: { error: unknown }) {
  if (isApiError(error, 404)) {
    return (
      <div className="alert alert-error" role="alert">
        <p className="state-title">This invitation link is not valid.</p>
        <p>
          Check that you opened the whole link from your invitation, or ask the person who invited
          you for a new one.
        </p>
      </div>
    );
  }
  if (isApiError(error, 410)) {
    return (
      <div className="alert alert-error" role="alert">
        <p className="state-title">This invitation can no longer be used.</p>
        <p>{error.detail}</p>
        <p>
          It has already been accepted or it has expired. If you already set a password,{' '}
          <Link to="/signin">sign in</Link>; otherwise ask the person who invited you for a new
          invitation.
        </p>
      </div>
    );
  }
  return <ErrorState error={error} title="Could not open this invitation" />;
}

function AcceptForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const formRef = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = passwordProblem(password);
    setError(problem);
    if (problem) return focusFirstInvalid(formRef.current);
    accept.mutate({ token, password }, { onSuccess: () => navigate('/', { replace: true }) });
  };

  return (
    <>
      <p>
        Hello {preview.name}. You are invited to <strong>{preview.orgName}</strong> as{' '}
        {roleWords[preview.role]}
        {preview.teamName ? (
          <>
            {' '}
            of the <strong>{preview.teamName}</strong> team
          </>
        ) : null}
        .
      </p>
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd>{preview.name}</dd>
        </div>
        <div>
          <dt>E-mail</dt>
          <dd>{preview.email}</dd>
        </div>
      </dl>
      <form ref={formRef} className="stack" noValidate onSubmit={submit}>
        {accept.error ? (
          isApiError(accept.error, 404) || isApiError(accept.error, 410) ? (
            <InvitationUnusable error={accept.error} />
          ) : (
            <FormError error={accept.error} />
          )
        ) : null}
        {/* Lets password managers save the new password against the right account. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={preview.email}
          readOnly
          hidden
        />
        <Field
          label="Password"
          hint={`Choose a password of at least ${PASSWORD_MIN} characters.`}
          error={error ?? serverFieldError(accept.error, 'password')}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              name="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={accept.isPending}>
          {accept.isPending ? 'Joining…' : 'Accept invitation'}
        </button>
      </form>
    </>
  );
}

export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const preview = useQuery({ ...invitationPreview(token), enabled: token !== '' });

  return (
    <div className="narrow">
      <title>Accept your invitation · Leeway</title>
      <h1>Accept your invitation</h1>
      {token === '' ? (
        <div className="alert alert-error" role="alert">
          <p className="state-title">This link has no invitation in it.</p>
          <p>Open the full link from your invitation, or ask the person who invited you for it.</p>
        </div>
      ) : preview.isPending ? (
        <Loading label="Opening your invitation…" />
      ) : preview.isError ? (
        <InvitationUnusable error={preview.error} />
      ) : (
        <AcceptForm token={token} preview={preview.data} />
      )}
    </div>
  );
}
