import type { PendingInvitation } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { invitationList } from '../../api/invitations.queries.ts';
import { teamList } from '../../api/teams.queries.ts';
import { Field } from '../../components/Field.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatDate } from '../../lib/format.ts';
import { roleOptions } from './InvitePanel.tsx';

type StatusFilter = 'all' | PendingInvitation['status'];

const statusNames: Record<PendingInvitation['status'], string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  expired: 'Expired',
};

export function InvitationsList() {
  const invitations = useQuery(invitationList());
  const teams = useQuery(teamList());
  const [status, setStatus] = useState<StatusFilter>('all');

  if (invitations.isPending) return <Loading label="Loading invitations…" />;
  if (invitations.isError) {
    return <ErrorState error={invitations.error} onRetry={() => invitations.refetch()} />;
  }
  if (invitations.data.length === 0) {
    return (
      <EmptyState>
        <p>No invitations yet. Invite people one by one above, or import a CSV file below.</p>
      </EmptyState>
    );
  }

  const teamName = (teamId: string | null) =>
    teamId ? (teams.data?.find((t) => t.id === teamId)?.name ?? 'Unknown team') : 'No team';
  const roleName = (role: PendingInvitation['role']) =>
    roleOptions.find((r) => r.value === role)?.label ?? role;
  const shown =
    status === 'all' ? invitations.data : invitations.data.filter((i) => i.status === status);

  return (
    <>
      <Field label="Show" className="field-inline">
        {(control) => (
          <select
            {...control}
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
          >
            <option value="all">All invitations</option>
            <option value="pending">Pending</option>
            <option value="accepted">Accepted</option>
            <option value="expired">Expired</option>
          </select>
        )}
      </Field>
      {shown.length === 0 ? (
        <EmptyState>
          <p>No {statusNames[status as PendingInvitation['status']]?.toLowerCase()} invitations.</p>
        </EmptyState>
      ) : (
        <TableScroll label="Table of invitations">
          <table>
            <caption className="visually-hidden">Invitations</caption>
            <thead>
              <tr>
                <th scope="col">Name and e-mail</th>
                <th scope="col">Role and team</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    {i.name} <span className="cell-sub break">{i.email}</span>
                  </th>
                  <td>
                    {roleName(i.role)} <span className="cell-sub">{teamName(i.teamId)}</span>
                  </td>
                  <td>
                    <span className={`badge badge-${i.status}`}>{statusNames[i.status]}</span>
                    {i.status === 'pending' ? (
                      <span className="cell-sub"> until {formatDate(i.expiresAt)}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
