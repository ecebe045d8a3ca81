import type { Invitation, PendingInvitation } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  invitationList,
  useResendInvitation,
  useRevokeInvitation,
} from '../../api/invitations.queries.ts';
import { teamList } from '../../api/teams.queries.ts';
import { ConfirmPanel } from '../../components/Confirm.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Field } from '../../components/Field.tsx';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/States.tsx';
import { formatMomentIn } from '../../lib/time.ts';
import { roleNames } from './names.ts';

type StatusFilter = 'all' | PendingInvitation['status'];

const statusNames: Record<PendingInvitation['status'], string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  expired: 'Expired',
};

type Asked = { kind: 'resend' | 'revoke'; invitation: PendingInvitation };

/**
 * Invitations, pending, accepted and expired. A pending or expired one can be sent again (a new
 * link; the old one stops working) or revoked; an accepted one is a person now — change them
 * above.
 */
export function InvitationsPanel({ timeZone }: { timeZone: string }) {
  const invitations = useQuery(invitationList());
  const teams = useQuery(teamList());
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [asked, setAsked] = useState<Asked | null>(null);
  const [done, setDone] = useState<{ message: string; link?: Invitation } | null>(null);

  if (invitations.isPending) return <Loading label="Loading invitations…" />;
  if (invitations.isError) {
    return <ErrorState error={invitations.error} onRetry={() => invitations.refetch()} />;
  }
  const link = done?.link;
  const teamName = (teamId: string | null) =>
    teamId ? (teams.data?.find((t) => t.id === teamId)?.name ?? 'a removed team') : 'no team';
  const shown =
    status === 'all' ? invitations.data : invitations.data.filter((i) => i.status === status);

  const go = () => {
    if (!asked) return;
    const { invitation } = asked;
    if (asked.kind === 'resend') {
      revoke.reset();
      resend.mutate(invitation.id, {
        onSuccess: (sent) => {
          setAsked(null);
          setDone({
            message: `A new link for ${invitation.name} is on its way to ${invitation.email}. The old one no longer works.`,
            link: 'url' in sent ? sent : undefined,
          });
        },
      });
    } else {
      resend.reset();
      revoke.mutate(invitation.id, {
        onSuccess: () => {
          setAsked(null);
          setDone({
            message: `The invitation of ${invitation.name} is revoked; its link no longer works. Invite them again at any time.`,
          });
        },
      });
    }
  };

  return (
    <>
      <Field label="Show" className="field-inline">
        {(control) => (
          <select
            {...control}
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
          >
            <option value="pending">Pending</option>
            <option value="expired">Expired</option>
            <option value="accepted">Accepted</option>
            <option value="all">All invitations</option>
          </select>
        )}
      </Field>
      {asked ? (
        <ConfirmPanel
          confirmLabel={asked.kind === 'resend' ? 'Send a new link' : 'Revoke the invitation'}
          danger={asked.kind === 'revoke'}
          busy={resend.isPending || revoke.isPending}
          onConfirm={go}
          onCancel={() => setAsked(null)}
        >
          <p>
            {asked.kind === 'resend'
              ? `Send ${asked.invitation.name} (${asked.invitation.email}) a new invitation link? It is valid for another period; the old link stops working.`
              : `Revoke the invitation of ${asked.invitation.name} (${asked.invitation.email})? Its link stops working at once.`}
          </p>
        </ConfirmPanel>
      ) : null}
      <FormError error={resend.error ?? revoke.error} />
      {done ? (
        <div className="alert alert-success" role="status">
          <p>{done.message}</p>
          {link ? (
            <Field label="New invitation link" className="copy-field">
              {(control) => (
                <div className="copy-row">
                  <input
                    {...control}
                    readOnly
                    value={link.url}
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  <CopyButton text={link.url} />
                </div>
              )}
            </Field>
          ) : null}
        </div>
      ) : null}
      {shown.length === 0 ? (
        <EmptyState>
          <p>
            {status === 'all'
              ? 'No invitations yet.'
              : `No ${statusNames[status].toLowerCase()} invitations.`}
          </p>
        </EmptyState>
      ) : (
        <ul className="people-list" aria-label="Invitations">
          {shown.map((i) => (
            <li key={i.id} className="person">
              <div className="person-head">
                <span className="person-name">{i.name}</span>
                <span className={`badge badge-${i.status}`}>{statusNames[i.status]}</span>
              </div>
              <p className="cell-sub break">
                {i.email} · {roleNames[i.role].label} · {teamName(i.teamId)} ·{' '}
                {i.status === 'pending'
                  ? `expires ${formatMomentIn(i.expiresAt, timeZone)}`
                  : i.status === 'expired'
                    ? `expired ${formatMomentIn(i.expiresAt, timeZone)}`
                    : 'accepted'}
              </p>
              {i.status === 'accepted' ? null : (
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      setDone(null);
                      setAsked({ kind: 'resend', invitation: i });
                    }}
                  >
                    Send again<span className="visually-hidden"> to {i.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      setDone(null);
                      setAsked({ kind: 'revoke', invitation: i });
                    }}
                  >
                    Revoke<span className="visually-hidden"> the invitation of {i.name}</span>
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
