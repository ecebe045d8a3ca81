import { Link } from 'react-router';
import { useSession } from '../../app/session.ts';
import { PageContents } from '../../components/PageContents.tsx';
import { InvitePanel } from '../admin/InvitePanel.tsx';
import { AuditLogList } from './AuditLogList.tsx';
import { InvitationsPanel } from './InvitationsPanel.tsx';
import { PeopleList } from './PeopleList.tsx';

const sections = [
  { id: 'people', title: 'People' },
  { id: 'invite', title: 'Invite someone' },
  { id: 'invitations', title: 'Invitations' },
  { id: 'audit', title: 'Audit log' },
] as const;

/** HR runs the people of the organisation here: roles, teams, leads, leavers, invitations. */
export function PeoplePage() {
  const session = useSession();
  return (
    <>
      <title>People · Leeway</title>
      <h1>People</h1>
      <p className="muted">
        Everyone at {session.org.name}. Teams are created and renamed under{' '}
        <Link to="/admin">Admin</Link>. Nobody, HR included, can see who answered what.
      </p>
      <PageContents sections={sections} />

      <section id="people" aria-labelledby="people-title" className="section">
        <h2 id="people-title">People</h2>
        <PeopleList selfId={session.user.id} />
      </section>

      <section id="invite" aria-labelledby="invite-title" className="section">
        <h2 id="invite-title">Invite someone</h2>
        <p className="hint">
          They get a link by e-mail to set a password; it works once and expires.
        </p>
        <InvitePanel />
      </section>

      <section id="invitations" aria-labelledby="invitations-title" className="section">
        <h2 id="invitations-title">Invitations</h2>
        <InvitationsPanel timeZone={session.org.timezone} />
      </section>

      <section id="audit" aria-labelledby="audit-title" className="section">
        <h2 id="audit-title">Audit log</h2>
        <p className="hint">
          Who changed a membership, a role, a lead, a team or a setting, and when. It never records
          answers.
        </p>
        <AuditLogList session={session} />
      </section>
    </>
  );
}
