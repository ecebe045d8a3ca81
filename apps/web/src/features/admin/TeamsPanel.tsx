import type { Team } from '@leeway/contracts';
import { TEAM_NAME_MAX } from '@leeway/contracts/limits';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { teamList, useCreateTeam, useRenameTeam } from '../../api/teams.queries.ts';
import { Field } from '../../components/Field.tsx';
import { focusFirstInvalid, lengthProblem, serverFieldError } from '../../components/forms.ts';
import { EmptyState, ErrorState, FormError, Loading, messageOf } from '../../components/States.tsx';
import { formatCount } from '../../lib/format.ts';

function CreateTeamForm() {
  const create = useCreateTeam();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    const problem = trimmed
      ? lengthProblem(name, TEAM_NAME_MAX, 'A team name')
      : 'Enter a name for the team.';
    setError(problem);
    if (problem) return focusFirstInvalid(formRef.current);
    create.mutate(
      { name: trimmed },
      {
        onSuccess: (team) => {
          setName('');
          setCreated(team.name);
        },
      },
    );
  };

  return (
    <form ref={formRef} className="inline-form" noValidate onSubmit={submit}>
      <Field
        label="Team name"
        error={error ?? serverFieldError(create.error, 'name')}
        limit={{ value: name, max: TEAM_NAME_MAX }}
      >
        {(control) => (
          <input
            {...control}
            name="teamName"
            required
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setCreated(undefined);
            }}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create team'}
      </button>
      <FormError error={serverFieldError(create.error, 'name') ? null : create.error} />
      <p className="form-status" role="status">
        {created ? `Team “${created}” created.` : ''}
      </p>
    </form>
  );
}

function RenameTeamForm({ team, onDone }: { team: Team; onDone: () => void }) {
  const rename = useRenameTeam();
  const inputId = useId();
  const [name, setName] = useState(team.name);
  const tooLong = lengthProblem(name, TEAM_NAME_MAX, 'A team name');
  const [shown, setShown] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    setShown(tooLong);
    if (tooLong) return;
    if (!trimmed || trimmed === team.name) return onDone();
    rename.mutate({ teamId: team.id, name: trimmed }, { onSuccess: onDone });
  };
  const problem = shown ?? (rename.isError ? messageOf(rename.error) : undefined);

  return (
    <form className="rename-form" noValidate onSubmit={submit}>
      <label className="visually-hidden" htmlFor={inputId}>
        New name for {team.name}
      </label>
      <input
        id={inputId}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this name
        autoFocus
        required
        value={name}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${inputId}-count${problem ? ` ${inputId}-error` : ''}`}
        onChange={(e) => {
          setName(e.target.value);
          setShown(undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone();
        }}
      />
      <button type="submit" className="button button-small" disabled={rename.isPending}>
        Save name
      </button>
      <button type="button" className="button button-secondary button-small" onClick={onDone}>
        Cancel
      </button>
      <p className={tooLong ? 'counter counter-over' : 'counter'} id={`${inputId}-count`}>
        {name.length} / {TEAM_NAME_MAX} characters
      </p>
      {problem ? (
        <p className="field-error" id={`${inputId}-error`} role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

export function TeamsPanel({
  selectedTeamId,
  onSelect,
}: {
  selectedTeamId: string | undefined;
  onSelect: (teamId: string) => void;
}) {
  const teams = useQuery(teamList());
  const [editing, setEditing] = useState<string>();

  return (
    <>
      <CreateTeamForm />
      {teams.isPending ? (
        <Loading label="Loading teams…" />
      ) : teams.isError ? (
        <ErrorState error={teams.error} onRetry={() => teams.refetch()} />
      ) : teams.data.length === 0 ? (
        <EmptyState>
          <p>No teams yet. Create the first one above, then invite its members.</p>
        </EmptyState>
      ) : (
        <ul className="team-list" aria-label="Teams">
          {teams.data.map((team) => (
            <li
              key={team.id}
              className={team.id === selectedTeamId ? 'team-item is-selected' : 'team-item'}
            >
              <div className="team-item-main">
                {editing === team.id ? (
                  <RenameTeamForm team={team} onDone={() => setEditing(undefined)} />
                ) : (
                  <Link className="team-item-name" to={`/teams/${team.id}`}>
                    {team.name}
                  </Link>
                )}
                <p className="team-item-meta">
                  {formatCount(team.memberCount)} {team.memberCount === 1 ? 'member' : 'members'}
                  {' · '}
                  {team.leads.length > 0
                    ? `led by ${team.leads.map((l) => l.name).join(', ')}`
                    : 'no lead yet'}
                </p>
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-pressed={team.id === selectedTeamId}
                  onClick={() => onSelect(team.id)}
                >
                  Members<span className="visually-hidden"> of {team.name}</span>
                </button>
                {editing === team.id ? null : (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => setEditing(team.id)}
                  >
                    Rename<span className="visually-hidden"> {team.name}</span>
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
