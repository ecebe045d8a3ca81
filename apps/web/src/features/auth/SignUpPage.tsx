import { isEmail } from '@leeway/contracts/email';
import { ORG_NAME_MAX, PASSWORD_MIN, PERSON_NAME_MAX } from '@leeway/contracts/limits';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSignUp } from '../../api/auth.queries.ts';
import { Field } from '../../components/Field.tsx';
import {
  type FieldErrors,
  focusFirstInvalid,
  lengthProblem,
  passwordProblem,
  serverFieldError,
} from '../../components/forms.ts';
import { FormError } from '../../components/States.tsx';

type SignUpField = 'orgName' | 'name' | 'email' | 'password' | 'timezone';

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function timeZones(current: string): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return Array.from(new Set(['UTC', current, ...zones])).sort();
}

export function SignUpPage() {
  const navigate = useNavigate();
  const signUp = useSignUp();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState({
    orgName: '',
    name: '',
    email: '',
    password: '',
    timezone: browserTimeZone(),
  });
  const [errors, setErrors] = useState<FieldErrors<SignUpField>>({});
  const zones = useMemo(() => timeZones(form.timezone), [form.timezone]);

  const set = (field: SignUpField) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FieldErrors<SignUpField> = {};
    if (!form.orgName.trim()) found.orgName = 'Enter the name of your organisation.';
    else {
      const long = lengthProblem(form.orgName, ORG_NAME_MAX, "Your organisation's name");
      if (long) found.orgName = long;
    }
    if (!form.name.trim()) found.name = 'Enter your name.';
    else {
      const long = lengthProblem(form.name, PERSON_NAME_MAX, 'Your name');
      if (long) found.name = long;
    }
    if (!isEmail(form.email.trim())) found.email = 'Enter an e-mail address like name@example.com.';
    const passwordError = passwordProblem(form.password);
    if (passwordError) found.password = passwordError;
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    signUp.mutate(
      {
        orgName: form.orgName.trim(),
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
        timezone: form.timezone,
      },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };

  const errorOf = (field: SignUpField) => errors[field] ?? serverFieldError(signUp.error, field);

  return (
    <div className="narrow">
      <title>Create an account · Leeway</title>
      <h1>Create an account</h1>
      <p className="muted">
        Start Leeway for your organisation. You will be its first admin and can invite your teams
        next.
      </p>
      <form ref={formRef} className="stack" noValidate onSubmit={submit}>
        <FormError error={signUp.error} />
        <Field
          label="Organisation name"
          error={errorOf('orgName')}
          limit={{ value: form.orgName, max: ORG_NAME_MAX }}
        >
          {(control) => (
            <input
              {...control}
              name="orgName"
              autoComplete="organization"
              required
              value={form.orgName}
              onChange={(e) => set('orgName')(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Your name"
          error={errorOf('name')}
          limit={{ value: form.name, max: PERSON_NAME_MAX }}
        >
          {(control) => (
            <input
              {...control}
              name="name"
              autoComplete="name"
              required
              value={form.name}
              onChange={(e) => set('name')(e.target.value)}
            />
          )}
        </Field>
        <Field label="E-mail" error={errorOf('email')}>
          {(control) => (
            <input
              {...control}
              type="email"
              name="email"
              autoComplete="email"
              inputMode="email"
              required
              value={form.email}
              onChange={(e) => set('email')(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Password"
          hint={`At least ${PASSWORD_MIN} characters.`}
          error={errorOf('password')}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              name="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN}
              value={form.password}
              onChange={(e) => set('password')(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Time zone"
          hint="Weeks start on Monday in this time zone."
          error={errorOf('timezone')}
        >
          {(control) => (
            <select
              {...control}
              name="timezone"
              value={form.timezone}
              onChange={(e) => set('timezone')(e.target.value)}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/signin">Sign in</Link>.
      </p>
    </div>
  );
}
