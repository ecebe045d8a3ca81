import { PASSWORD_MIN } from '@leeway/contracts/limits';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useConfirmPasswordReset } from '../../api/account.queries.ts';
import { isApiError } from '../../api/client.ts';
import { Field } from '../../components/Field.tsx';
import { focusFirstInvalid, passwordProblem, serverFieldError } from '../../components/forms.ts';
import { FormError } from '../../components/States.tsx';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const confirm = useConfirmPasswordReset();
  const formRef = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = passwordProblem(password);
    setError(problem);
    if (problem) return focusFirstInvalid(formRef.current);
    confirm.mutate({ token, password }, { onSuccess: () => navigate('/', { replace: true }) });
  };

  const unusable = isApiError(confirm.error, 410) || isApiError(confirm.error, 400);
  return (
    <div className="narrow">
      <title>Choose a new password · Leeway</title>
      <h1>Choose a new password</h1>
      {token === '' ? (
        <div className="alert alert-error" role="alert">
          <p className="state-title">This link has no reset token in it.</p>
          <p>
            Open the whole link from the e-mail, or{' '}
            <Link to="/forgot-password">ask for a new one</Link>.
          </p>
        </div>
      ) : (
        <form ref={formRef} className="stack" noValidate onSubmit={submit}>
          {unusable ? (
            <div className="alert alert-error" role="alert">
              <p className="state-title">This link can no longer be used.</p>
              <p>
                It was already used or is older than 30 minutes.{' '}
                <Link to="/forgot-password">Ask for a new one</Link>.
              </p>
            </div>
          ) : (
            <FormError error={confirm.error} />
          )}
          <Field
            label="New password"
            hint={`At least ${PASSWORD_MIN} characters. Every other session of your account ends.`}
            error={error ?? serverFieldError(confirm.error, 'password')}
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
          <button type="submit" className="button" disabled={confirm.isPending}>
            {confirm.isPending ? 'Saving…' : 'Save and sign in'}
          </button>
        </form>
      )}
    </div>
  );
}
