import type { NotificationPreferences } from '@leeway/contracts';
import { PASSWORD_MIN } from '@leeway/contracts/limits';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  notificationPreferences,
  useChangePassword,
  useUpdatePreferences,
  useUpdateProfile,
} from '../../api/account.queries.ts';
import { me } from '../../api/auth.queries.ts';
import { Field } from '../../components/Field.tsx';
import { passwordProblem, serverFieldError } from '../../components/forms.ts';
import { ErrorState, FormError, Loading } from '../../components/States.tsx';
import { ChatChannels } from './ChatChannels.tsx';

const MESSAGES: { kind: keyof NotificationPreferences; label: string; for?: string }[] = [
  { kind: 'pulse_open', label: 'The weekly pulse is open' },
  { kind: 'pulse_reminder', label: 'One reminder when I have not answered yet' },
  { kind: 'team_added', label: 'I was added to a team' },
  { kind: 'results_ready', label: 'Results of the week are ready', for: 'lead' },
  { kind: 'experiment_ending', label: 'My team’s experiment ends this week', for: 'lead' },
  { kind: 'no_experiment', label: 'No experiment planned next week', for: 'lead' },
  { kind: 'digest', label: 'Weekly digest of the organisation', for: 'admin' },
];

function NameForm({ name }: { name: string }) {
  const update = useUpdateProfile();
  const [value, setValue] = useState(name);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate({ name: value.trim() });
  };
  return (
    <form className="stack" noValidate onSubmit={submit}>
      <FormError error={update.error} />
      <Field label="Name" error={serverFieldError(update.error, 'name')}>
        {(control) => (
          <input
            {...control}
            name="name"
            autoComplete="name"
            required
            maxLength={120}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={update.isPending}>
        Save name
      </button>
      {update.isSuccess ? <p role="status">Your name is saved.</p> : null}
    </form>
  );
}

function PasswordForm({ email }: { email: string }) {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = passwordProblem(next);
    setError(problem);
    if (problem) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  };
  return (
    <form className="stack" noValidate onSubmit={submit}>
      <FormError error={change.error} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label="Current password" error={serverFieldError(change.error, 'currentPassword')}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="New password"
        hint={`At least ${PASSWORD_MIN} characters. Your other sessions end.`}
        error={error ?? serverFieldError(change.error, 'newPassword')}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={change.isPending}>
        Change password
      </button>
      {change.isSuccess ? <p role="status">Your password is changed.</p> : null}
    </form>
  );
}

function Preferences({ role }: { role: string }) {
  const prefs = useQuery(notificationPreferences());
  const update = useUpdatePreferences();
  if (prefs.isPending) return <Loading label="Loading your messages…" />;
  if (prefs.isError) return <ErrorState error={prefs.error} title="Could not load your messages" />;
  const shown = MESSAGES.filter((m) => !m.for || m.for === role || role === 'admin');
  return (
    <fieldset className="stack">
      <legend>E-mails I get</legend>
      <FormError error={update.error} />
      {shown.map((m) => (
        <label key={m.kind} className="checkbox">
          <input
            type="checkbox"
            checked={prefs.data[m.kind]}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ [m.kind]: e.target.checked })}
          />{' '}
          {m.label}
        </label>
      ))}
    </fieldset>
  );
}

export function ProfilePage() {
  const session = useQuery(me());
  if (!session.data) return <Loading />;
  const { user, leads } = session.data;
  return (
    <div className="narrow">
      <title>Your profile · Leeway</title>
      <h1>Your profile</h1>
      <section aria-labelledby="profile-name" className="stack">
        <h2 id="profile-name">Name</h2>
        <p className="muted">Signed in as {user.email}.</p>
        <NameForm name={user.name} />
      </section>
      <section aria-labelledby="profile-messages" className="stack">
        <h2 id="profile-messages">Messages</h2>
        <Preferences role={user.role} />
      </section>
      {leads.length > 0 ? (
        <section aria-labelledby="profile-chat" className="stack">
          <h2 id="profile-chat">Your teams’ chat channels</h2>
          <ChatChannels teams={leads} />
        </section>
      ) : null}
      <section aria-labelledby="profile-password" className="stack">
        <h2 id="profile-password">Password</h2>
        <PasswordForm email={user.email} />
      </section>
    </div>
  );
}
