import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSignIn } from '../../api/auth.queries.ts';
import { safeReturnTo } from '../../app/session.ts';
import { Field } from '../../components/Field.tsx';
import { type FieldErrors, focusFirstInvalid, serverFieldError } from '../../components/forms.ts';
import { FormError } from '../../components/States.tsx';

type SignInField = 'email' | 'password';

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<SignInField>>({});
  const returnTo = safeReturnTo(params.get('returnTo'));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FieldErrors<SignInField> = {};
    if (!email.trim()) found.email = 'Enter your e-mail address.';
    if (!password) found.password = 'Enter your password.';
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    signIn.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(returnTo, { replace: true }) },
    );
  };

  const errorOf = (field: SignInField) => errors[field] ?? serverFieldError(signIn.error, field);

  return (
    <div className="narrow">
      <title>Sign in · Leeway</title>
      <h1>Sign in</h1>
      {returnTo !== '/' ? <p className="muted">Sign in to continue to that page.</p> : null}
      <form ref={formRef} className="stack" noValidate onSubmit={submit}>
        <FormError error={signIn.error} />
        <Field label="E-mail" error={errorOf('email')}>
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
        <Field label="Password" error={errorOf('password')}>
          {(control) => (
            <input
              {...control}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New to Leeway? <Link to="/signup">Create an account for your organisation</Link>. Joining a
        team? Use the invitation link you were sent.
      </p>
    </div>
  );
}
