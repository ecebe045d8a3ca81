import type { CreatedInvitation, Invitation, Role, TeamRef } from '@leeway/contracts';
import { isEmail } from '@leeway/contracts/email';
import { PERSON_NAME_MAX } from '@leeway/contracts/limits';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useCreateInvitation } from '../../api/invitations.queries.ts';
import { teamList } from '../../api/teams.queries.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Field } from '../../components/Field.tsx';
import { type FieldErrors, focusFirstInvalid, serverFieldError } from '../../components/forms.ts';
import { FormError } from '../../components/States.tsx';
import { formatDateTime } from '../../lib/format.ts';

type InviteField = 'name' | 'email' | 'role' | 'teamId';

export const roleOptions: { value: Role; label: string }[] = [
  { value: 'member', label: 'Member' },
  { value: 'lead', label: 'Team lead' },
  { value: 'admin', label: 'Admin (HR)' },
];

/** An admin gets the link to pass on; a lead's invitation goes to the invitee by e-mail only. */
function InvitationCreated({
  created,
  invitee,
}: {
  created: CreatedInvitation;
  invitee: { name: string; email: string };
}) {
  if (!('url' in created)) {
    return (
      <div className="alert alert-success invitation-link" role="status">
        <p className="state-title">Invitation for {invitee.name} sent.</p>
        <p>
          {invitee.email} gets an e-mail with a link to join. It works once and expires{' '}
          {formatDateTime(created.expiresAt)}.
        </p>
      </div>
    );
  }
  return <InvitationLink invitation={created} />;
}

function InvitationLink({ invitation }: { invitation: Invitation }) {
  return (
    <div className="alert alert-success invitation-link" role="status">
      <p className="state-title">Invitation for {invitation.name} created.</p>
      <p>
        Send {invitation.email} this link. It works once and expires{' '}
        {formatDateTime(invitation.expiresAt)}.
      </p>
      <Field label="Invitation link" className="copy-field">
        {(control) => (
          <div className="copy-row">
            <input
              {...control}
              readOnly
              value={invitation.url}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={invitation.url} />
          </div>
        )}
      </Field>
    </div>
  );
}

/**
 * Invite one person. With `team` (a lead inviting to their own team) the role is member and the
 * team is fixed, so neither is asked.
 */
export function InvitePanel({ team }: { team?: TeamRef }) {
  const invite = useCreateInvitation();
  const teams = useQuery({ ...teamList(), enabled: !team });
  const formRef = useRef<HTMLFormElement>(null);
  const empty = { name: '', email: '', role: 'member' as Role, teamId: team?.id ?? '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors<InviteField>>({});
  const [invitee, setInvitee] = useState({ name: '', email: '' });

  const set = <K extends keyof typeof form>(field: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [field]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FieldErrors<InviteField> = {};
    if (!form.name.trim()) found.name = 'Enter the name of the person you invite.';
    if (!isEmail(form.email.trim())) found.email = 'Enter an e-mail address like name@example.com.';
    if (form.role !== 'admin' && !form.teamId) {
      found.teamId =
        form.role === 'lead' ? 'Choose the team they will lead.' : 'Choose their team.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    setInvitee({ name: form.name.trim(), email: form.email.trim() });
    invite.mutate(
      {
        name: form.name.trim(),
        email: form.email.trim(),
        role: form.role,
        ...(form.teamId ? { teamId: form.teamId } : {}),
      },
      { onSuccess: () => setForm(empty) },
    );
  };

  const errorOf = (field: InviteField) => errors[field] ?? serverFieldError(invite.error, field);

  return (
    <>
      <form ref={formRef} className="form-grid" noValidate onSubmit={submit}>
        <FormError error={invite.error} />
        <Field label="Name" error={errorOf('name')}>
          {(control) => (
            <input
              {...control}
              name="name"
              autoComplete="off"
              required
              maxLength={PERSON_NAME_MAX}
              value={form.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field label="E-mail" error={errorOf('email')}>
          {(control) => (
            <input
              {...control}
              type="email"
              name="email"
              autoComplete="off"
              inputMode="email"
              required
              value={form.email}
              onChange={(e) => set('email', e.target.value)}
            />
          )}
        </Field>
        {team ? null : (
          <>
            <Field label="Role" error={errorOf('role')}>
              {(control) => (
                <select
                  {...control}
                  name="role"
                  value={form.role}
                  onChange={(e) => set('role', e.target.value as Role)}
                >
                  {roleOptions.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="Team"
              hint={
                form.role === 'lead'
                  ? 'The team they will lead.'
                  : form.role === 'admin'
                    ? 'Optional: a team whose pulse they answer.'
                    : 'The team whose pulse they answer.'
              }
              error={errorOf('teamId')}
            >
              {(control) => (
                <select
                  {...control}
                  name="teamId"
                  value={form.teamId}
                  onChange={(e) => set('teamId', e.target.value)}
                >
                  <option value="">{form.role === 'admin' ? 'No team' : 'Choose a team'}</option>
                  {(teams.data ?? []).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={invite.isPending}>
            {invite.isPending ? 'Inviting…' : 'Invite'}
          </button>
        </div>
      </form>
      {invite.data && !invite.isPending ? (
        <InvitationCreated created={invite.data} invitee={invitee} />
      ) : null}
    </>
  );
}
