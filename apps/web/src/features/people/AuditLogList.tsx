import type { AuditEvent, Me } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { auditLog } from '../../api/people.queries.ts';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { formatMomentIn } from '../../lib/time.ts';
import { roleNames } from './names.ts';

const roleText = (value: unknown) =>
  typeof value === 'string' && value in roleNames
    ? roleNames[value as keyof typeof roleNames].article
    : String(value);

/** One event as a sentence: who did what to whom, in which team. */
export function auditSentence(e: AuditEvent): string {
  const actor = e.actor?.name ?? 'Leeway';
  const subject = e.subject?.name ?? 'someone no longer here';
  const team = e.team?.name ?? 'a removed team';
  const d = e.detail as Record<string, unknown>;
  switch (e.action) {
    case 'org.created':
      return `${actor} created the organisation`;
    case 'person.joined':
      return `${subject} joined as ${roleText(d.role)}`;
    case 'person.deactivated':
      return `${actor} deactivated ${subject}`;
    case 'person.reactivated':
      return `${actor} reactivated ${subject}`;
    case 'role.changed':
      return `${actor} changed ${subject}'s role from ${roleText(d.from)} to ${roleText(d.to)}`;
    case 'membership.joined':
      return `${subject} joined ${team}`;
    case 'membership.moved':
      return `${actor} moved ${subject} to ${team}`;
    case 'membership.left':
      return `${subject} left ${team}`;
    case 'lead.assigned':
      return `${actor} made ${subject} a lead of ${team}`;
    case 'lead.removed':
      return `${subject} no longer leads ${team}`;
    case 'team.created':
      return `${actor} created the team ${team}`;
    case 'team.renamed':
      return `${actor} renamed the team ${String(d.from ?? '')} to ${String(d.to ?? team)}`;
    case 'settings.changed':
      return `${actor} changed the settings: ${Object.entries(d)
        .map(([field, change]) => {
          const c = change as { from?: unknown; to?: unknown } | null;
          return c && typeof c === 'object' && 'to' in c
            ? `${field} from ${String(c.from)} to ${String(c.to)}`
            : field;
        })
        .join(', ')}`;
    case 'invitation.resent':
      return `${actor} sent the invitation of ${String(d.email ?? 'someone')} again`;
    case 'invitation.revoked':
      return `${actor} revoked the invitation of ${String(d.email ?? 'someone')}`;
    default:
      return `${actor}: ${e.action}`;
  }
}

/** The audit log: membership, role, lead, team and settings changes, newest first. */
export function AuditLogList({ session }: { session: Me }) {
  const events = useQuery(auditLog());
  if (events.isPending) return <Loading label="Loading the audit log…" />;
  if (events.isError) return <ErrorState error={events.error} onRetry={() => events.refetch()} />;
  if (events.data.length === 0) {
    return (
      <EmptyState>
        <p>Nothing changed yet.</p>
      </EmptyState>
    );
  }
  return (
    <ol className="audit-list" aria-label="Audit log, newest first">
      {events.data.map((e) => (
        <li key={e.id}>
          <span className="audit-what">{auditSentence(e)}</span>{' '}
          <span className="cell-sub">{formatMomentIn(e.at, session.org.timezone)}</span>
        </li>
      ))}
    </ol>
  );
}
