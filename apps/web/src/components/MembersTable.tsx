import { useQuery } from '@tanstack/react-query';
import { teamMembers } from '../api/teams.queries.ts';
import { formatDate } from '../lib/format.ts';
import { EmptyState, ErrorState, Loading } from './States.tsx';
import { TableScroll } from './TableScroll.tsx';

const roleNames = { admin: 'Admin', lead: 'Lead', member: 'Member' } as const;

/** Current members and leads of a team. Never shows who answered a pulse. */
export function MembersTable({ teamId, teamName }: { teamId: string; teamName: string }) {
  const members = useQuery(teamMembers(teamId));
  if (members.isPending) return <Loading label="Loading members…" />;
  if (members.isError) {
    return <ErrorState error={members.error} onRetry={() => members.refetch()} />;
  }
  const { leads, members: list } = members.data;
  return (
    <>
      <p>
        {leads.length > 0
          ? `Led by ${leads.map((l) => l.name).join(', ')}.`
          : 'This team has no lead yet.'}
      </p>
      {list.length === 0 ? (
        <EmptyState>
          <p>No members yet. Invite people to {teamName} to start its weekly pulse.</p>
        </EmptyState>
      ) : (
        <TableScroll label={`Table of members of ${teamName}`}>
          <table>
            <caption>Members of {teamName}</caption>
            <thead>
              <tr>
                <th scope="col">Name and e-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.name} {m.email ? <span className="cell-sub break">{m.email}</span> : null}
                  </th>
                  <td>{roleNames[m.role]}</td>
                  <td>{m.joinedAt ? formatDate(m.joinedAt) : m.joinedWeek}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
