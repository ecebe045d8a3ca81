import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useRequestPasswordReset } from '../../api/account.queries.ts';
import { Field } from '../../components/Field.tsx';
import { focusFirstInvalid, serverFieldError } from '../../components/forms.ts';
import { FormError } from '../../components/States.tsx';

export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = email.trim() ? undefined : 'Enter your e-mail address.';
    setError(problem);
    if (problem) return focusFirstInvalid(formRef.current);
    request.mutate(email.trim());
  };

  return (
    <div className="narrow">
      <title>Forgot your password · Leeway</title>
      <h1>Forgot your password?</h1>
      {request.isSuccess ? (
        <div className="alert" role="status">
          <p className="state-title">Check your e-mail.</p>
          <p>
            If an account uses {email.trim()}, a link to choose a new password is on its way. It
            works once, for 30 minutes.
          </p>
          <p>
            <Link to="/signin">Back to sign in</Link>
          </p>
        </div>
      ) : (
        <form ref={formRef} className="stack" noValidate onSubmit={submit}>
          <p>We will e-mail you a link to choose a new password.</p>
          <FormError error={request.error} />
          <Field label="E-mail" error={error ?? serverFieldError(request.error, 'email')}>
            {(control) => (
              <input
                {...control}
                type="email"
                name="email"
                autoComplete="username"
                inputMode="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={request.isPending}>
            {request.isPending ? 'Sending…' : 'E-mail me a link'}
          </button>
        </form>
      )}
    </div>
  );
}
