import type { PersonSummary, Role, Team, UpdateUserBody } from '@leeway/contracts';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useUpdatePerson } from '../../api/people.queries.ts';
import { ConfirmPanel } from '../../components/Confirm.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/States.tsx';
import { inverseOf } from './inverse.ts';
import { roleNames } from './names.ts';

interface Pending {
  patch: UpdateUserBody;
  question: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** What happened, once it has. */
  done: string;
}

interface Done {
  message: string;
  /** The change that puts things back, when there is one. */
  undo: UpdateUserBody | null;
}

const list = (names: string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/**
 * One person's changes: role, team, led teams, deactivation. Each is asked for, confirmed in
 * words that say what follows, done, and offered to undo; a refusal shows the rule that forbids it.
 */
export function PersonEditor({
  person,
  teams,
  isSelf,
}: {
  person: PersonSummary;
  teams: Team[];
  isSelf: boolean;
}) {
  const update = useUpdatePerson();
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [role, setRole] = useState<Role>(person.role);
  const [teamId, setTeamId] = useState(person.teamId ?? '');
  const [leads, setLeads] = useState<string[]>(person.leads);
  const leadsLegend = useId();
  const nameOf = (id: string | null) =>
    id ? (teams.find((t) => t.id === id)?.name ?? 'a removed team') : 'no team';
  const first = person.name;

  const ask = (next: Pending) => {
    update.reset();
    setDone(null);
    setPending(next);
  };

  const run = (patch: UpdateUserBody, message: string, before: PersonSummary) =>
    update.mutate(
      { userId: person.id, ...patch },
      {
        onSuccess: () => {
          setPending(null);
          setDone({ message, undo: inverseOf(before, patch) });
        },
      },
    );

  const confirm = () => {
    if (pending) run(pending.patch, pending.done, person);
  };

  const undo = () => {
    if (!done?.undo) return;
    update.mutate(
      { userId: person.id, ...done.undo },
      {
        onSuccess: (after) => {
          setDone({ message: 'Undone: back as it was.', undo: null });
          setRole(after.role);
          setTeamId(after.teamId ?? '');
          setLeads(after.leads);
        },
      },
    );
  };

  const onRole = (e: FormEvent) => {
    e.preventDefault();
    if (role === person.role) return;
    const losing = person.leads.map((id) => nameOf(id));
    ask({
      patch: { role },
      question: (
        <p>
          Make {first} {roleNames[role].article}? Their sessions end, so they sign in again.
          {role !== 'lead' && losing.length > 0
            ? ` They stop leading ${list(losing)}.`
            : role === 'lead'
              ? ' Then choose the teams they lead below.'
              : ''}
        </p>
      ),
      confirmLabel: `Make ${roleNames[role].short}`,
      done: `${first} is now ${roleNames[role].article}.`,
    });
  };

  const onMove = (e: FormEvent) => {
    e.preventDefault();
    const to = teamId === '' ? null : teamId;
    if (to === person.teamId) return;
    ask({
      patch: { teamId: to },
      question: (
        <p>
          Move {first} from {nameOf(person.teamId)} to {nameOf(to)}, effective now? Weeks before
          count them in {nameOf(person.teamId)}; from now on they answer{' '}
          {to ? `${nameOf(to)}'s pulse` : 'no pulse'}. A pulse they already answered this week stays
          answered.
        </p>
      ),
      confirmLabel: to ? `Move to ${nameOf(to)}` : 'Remove from the team',
      done: to ? `${first} moved to ${nameOf(to)}.` : `${first} is in no team now.`,
    });
  };

  const onLeads = (e: FormEvent) => {
    e.preventDefault();
    const added = leads.filter((id) => !person.leads.includes(id)).map(nameOf);
    const removed = person.leads.filter((id) => !leads.includes(id)).map(nameOf);
    if (added.length === 0 && removed.length === 0) return;
    ask({
      patch: { leads },
      question: (
        <p>
          {added.length > 0 ? `${first} will lead ${list(added)}. ` : ''}
          {removed.length > 0 ? `${first} will no longer lead ${list(removed)}. ` : ''}
          Leads see their teams' results, comments and experiments, never a person's answers.
        </p>
      ),
      confirmLabel: 'Save led teams',
      done:
        leads.length > 0
          ? `${first} leads ${list(leads.map(nameOf))}.`
          : `${first} leads no team now.`,
    });
  };

  const onActive = () => {
    if (person.active) {
      ask({
        patch: { active: false },
        question: (
          <p>
            Deactivate {first}? They are signed out everywhere and can no longer sign in; they leave{' '}
            {nameOf(person.teamId)}
            {person.leads.length > 0 ? ` and stop leading ${list(person.leads.map(nameOf))}` : ''}.
            Past weeks keep counting them where they were. You can reactivate them.
          </p>
        ),
        confirmLabel: `Deactivate ${first}`,
        danger: true,
        done: `${first} is deactivated.`,
      });
    } else {
      ask({
        patch: { active: true },
        question: (
          <p>
            Reactivate {first}? They can sign in again with their password. They come back in no
            team: move them to one afterwards.
          </p>
        ),
        confirmLabel: `Reactivate ${first}`,
        done: `${first} is active again.`,
      });
    }
  };

  const busy = update.isPending;
  const leadsChanged =
    leads.length !== person.leads.length || leads.some((id) => !person.leads.includes(id));

  return (
    <div className="person-editor">
      {person.active ? (
        <>
          <form className="inline-form" onSubmit={onRole}>
            <Field
              label="Role"
              hint={isSelf ? 'You cannot change your own role.' : undefined}
              className="field-inline"
            >
              {(control) => (
                <select
                  {...control}
                  value={role}
                  disabled={isSelf}
                  onChange={(e) => setRole(e.target.value as Role)}
                >
                  {(Object.keys(roleNames) as Role[]).map((r) => (
                    <option key={r} value={r}>
                      {roleNames[r].label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button
              type="submit"
              className="button button-secondary"
              disabled={isSelf || busy || role === person.role}
            >
              Change role
            </button>
          </form>

          <form className="inline-form" onSubmit={onMove}>
            <Field
              label="Team (whose pulse they answer)"
              className="field-inline"
              hint="Effective now; the weeks before keep counting them where they were."
            >
              {(control) => (
                <select {...control} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                  <option value="">No team</option>
                  {teams.map((t) => (
                    <option key={t.id} value={t.id} disabled={person.leads.includes(t.id)}>
                      {t.name}
                      {person.leads.includes(t.id) ? ' (they lead it)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button
              type="submit"
              className="button button-secondary"
              disabled={busy || teamId === (person.teamId ?? '')}
            >
              Move
            </button>
          </form>

          {person.role === 'lead' ? (
            <form onSubmit={onLeads}>
              <fieldset className="lead-picker" aria-describedby={leadsLegend}>
                <legend>Teams {first} leads</legend>
                <p className="hint" id={leadsLegend}>
                  A lead is never a member of a team they lead: they would rate themselves.
                </p>
                <div className="lead-options">
                  {teams.map((t) => {
                    const own = t.id === person.teamId;
                    return (
                      <label key={t.id} className="checkbox">
                        <input
                          type="checkbox"
                          checked={leads.includes(t.id)}
                          disabled={own}
                          onChange={(e) =>
                            setLeads((now) =>
                              e.target.checked ? [...now, t.id] : now.filter((id) => id !== t.id),
                            )
                          }
                        />
                        {t.name}
                        {own ? ' (their own team)' : ''}
                      </label>
                    );
                  })}
                </div>
              </fieldset>
              <div className="form-actions">
                <button
                  type="submit"
                  className="button button-secondary"
                  disabled={busy || !leadsChanged}
                >
                  Save led teams
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : (
        <p className="muted">
          {first} is deactivated: they cannot sign in and are in no team. Reactivate them to change
          anything else.
        </p>
      )}

      {isSelf ? null : (
        <div className="form-actions">
          <button
            type="button"
            className={person.active ? 'button button-danger' : 'button button-secondary'}
            disabled={busy}
            onClick={onActive}
          >
            {person.active ? `Deactivate ${first}` : `Reactivate ${first}`}
          </button>
        </div>
      )}

      {pending ? (
        <ConfirmPanel
          confirmLabel={pending.confirmLabel}
          danger={pending.danger}
          busy={busy}
          onConfirm={confirm}
          onCancel={() => {
            setPending(null);
            update.reset();
          }}
        >
          {pending.question}
        </ConfirmPanel>
      ) : null}
      <FormError error={update.error} />
      {done ? (
        <div className="alert alert-success" role="status">
          {done.message}{' '}
          {done.undo ? (
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={busy}
              onClick={undo}
            >
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
