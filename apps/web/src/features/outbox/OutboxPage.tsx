import type { OutboxMessage } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { outboxMessages } from '../../api/account.queries.ts';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { MessageTimes } from './MessageTimes.tsx';

const STATUS: Record<OutboxMessage['status'], string> = {
  kept: 'Kept (no mail server)',
  pending: 'Waiting to be sent',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  suppressed: 'Not sent (switched off)',
};

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';

/** Admins read every message Leeway sent or kept; reminders are never listed. */
export function OutboxPage() {
  const outbox = useQuery(outboxMessages());
  return (
    <div>
      <title>Outbox · Leeway</title>
      <h1>Outbox</h1>
      <section aria-labelledby="message-times" className="stack">
        <h2 id="message-times">When messages go out</h2>
        <MessageTimes />
      </section>
      <h2>Messages</h2>
      <p className="muted">
        Every e-mail and chat message Leeway sent or is sending, newest first. Without a mail server
        (SMTP_URL) e-mails are only kept here: pass invitation links on yourself. Reminders are
        never listed, so nobody learns who had not answered.
      </p>
      {outbox.isPending ? (
        <Loading label="Loading the outbox…" />
      ) : outbox.isError ? (
        <ErrorState error={outbox.error} title="Could not load the outbox" />
      ) : outbox.data.messages.length === 0 ? (
        <EmptyState>No messages yet.</EmptyState>
      ) : (
        <TableScroll label="Messages">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">To</th>
                <th scope="col">Message</th>
                <th scope="col">Why</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {outbox.data.messages.map((m) => (
                <tr key={m.id}>
                  <td>{when(m.createdAt)}</td>
                  <td>
                    {m.toName}
                    <br />
                    <span className="muted">
                      {m.channel === 'email' ? m.to : `${m.channel} channel`}
                    </span>
                  </td>
                  <td>
                    <details>
                      <summary>{m.subject}</summary>
                      <pre className="outbox-body">{m.body}</pre>
                    </details>
                  </td>
                  <td>{m.reason}</td>
                  <td>
                    {STATUS[m.status]}
                    {m.status === 'sent' && m.sentAt ? ` ${when(m.sentAt)}` : ''}
                    {m.lastError ? (
                      <>
                        <br />
                        <span className="muted">
                          {m.attempts} attempt{m.attempts === 1 ? '' : 's'}: {m.lastError}
                        </span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
