import type { PersonSummary, Role, Team } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { peopleList } from '../../api/people.queries.ts';
import { teamList } from '../../api/teams.queries.ts';
import { Field } from '../../components/Field.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { formatCount } from '../../lib/format.ts';
import { roleNames } from './names.ts';
import { PersonEditor } from './PersonEditor.tsx';

type Status = 'active' | 'deactivated' | 'all';

/** Lower-case text without accents, so "jose" finds "José". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function matches(
  person: PersonSummary,
  query: string,
  teamName: (id: string | null) => string,
): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = fold(
    [
      person.name,
      person.email,
      roleNames[person.role].label,
      teamName(person.teamId),
      ...person.leads.map(teamName),
    ].join(' '),
  );
  return words.every((w) => text.includes(w));
}

/** Everyone in the organisation, searchable, each with the changes HR can make. */
export function PeopleList({ selfId }: { selfId: string }) {
  const people = useQuery(peopleList());
  const teams = useQuery(teamList());
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Role | 'all'>('all');
  const [status, setStatus] = useState<Status>('active');
  const [open, setOpen] = useState<string | null>(null);
  const deferredQuery = useDeferredValue(query);

  if (people.isPending || teams.isPending) return <Loading label="Loading people…" />;
  if (people.isError) return <ErrorState error={people.error} onRetry={() => people.refetch()} />;
  if (teams.isError) return <ErrorState error={teams.error} onRetry={() => teams.refetch()} />;

  const teamName = (id: string | null) =>
    id ? (teams.data.find((t) => t.id === id)?.name ?? 'a removed team') : 'no team';
  // The person being changed stays in view, even when a change (deactivation) moves them out of
  // the filter: their confirmation and Undo are there.
  const shown = people.data.filter(
    (p) =>
      p.id === open ||
      ((role === 'all' || p.role === role) &&
        (status === 'all' || (status === 'active') === p.active) &&
        matches(p, deferredQuery, teamName)),
  );

  return (
    <>
      <div className="toolbar people-filters">
        <Field label="Search people" hint="Name, e-mail, role or team">
          {(control) => (
            <input
              {...control}
              type="search"
              value={query}
              autoComplete="off"
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
        </Field>
        <Field label="Role">
          {(control) => (
            <select
              {...control}
              value={role}
              onChange={(e) => setRole(e.target.value as Role | 'all')}
            >
              <option value="all">All roles</option>
              {(Object.keys(roleNames) as Role[]).map((r) => (
                <option key={r} value={r}>
                  {roleNames[r].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status">
          {(control) => (
            <select
              {...control}
              value={status}
              onChange={(e) => setStatus(e.target.value as Status)}
            >
              <option value="active">Active</option>
              <option value="deactivated">Deactivated</option>
              <option value="all">Everyone</option>
            </select>
          )}
        </Field>
      </div>
      <p className="muted" role="status">
        {formatCount(shown.length)} of {formatCount(people.data.length)}{' '}
        {people.data.length === 1 ? 'person' : 'people'}
      </p>
      {shown.length === 0 ? (
        <EmptyState>
          <p>Nobody matches. Try another name, or show everyone.</p>
        </EmptyState>
      ) : (
        <ul className="people-list" aria-label="People">
          {shown.map((p) => (
            <PersonItem
              key={p.id}
              person={p}
              teams={teams.data}
              teamName={teamName}
              isSelf={p.id === selfId}
              open={open === p.id}
              onToggle={() => setOpen((now) => (now === p.id ? null : p.id))}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function PersonItem({
  person,
  teams,
  teamName,
  isSelf,
  open,
  onToggle,
}: {
  person: PersonSummary;
  teams: Team[];
  teamName: (id: string | null) => string;
  isSelf: boolean;
  open: boolean;
  onToggle: () => void;
}) {
  const panelId = `person-${person.id}`;
  return (
    <li className="person">
      <div className="person-head">
        <span className="person-name">
          {person.name}
          {isSelf ? ' (you)' : ''}
        </span>
        <span className="badge badge-role">{roleNames[person.role].label}</span>
        {person.active ? null : <span className="badge badge-expired">Deactivated</span>}
      </div>
      <dl className="person-facts">
        <div>
          <dt>E-mail</dt>
          <dd className="break">{person.email}</dd>
        </div>
        <div>
          <dt>Team</dt>
          <dd>{teamName(person.teamId)}</dd>
        </div>
        {person.role === 'lead' || person.leads.length > 0 ? (
          <div>
            <dt>Leads</dt>
            <dd>
              {person.leads.length > 0 ? person.leads.map(teamName).join(', ') : 'no team yet'}
            </dd>
          </div>
        ) : null}
      </dl>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={onToggle}
      >
        {open ? 'Close' : 'Change'}
        <span className="visually-hidden"> {person.name}</span>
      </button>
      {open ? (
        <div id={panelId}>
          <PersonEditor person={person} teams={teams} isSelf={isSelf} />
        </div>
      ) : null}
    </li>
  );
}
