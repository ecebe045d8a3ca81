import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { teamList } from '../../api/teams.queries.ts';
import { useSession } from '../../app/session.ts';
import { MembersTable } from '../../components/MembersTable.tsx';
import { PageContents } from '../../components/PageContents.tsx';
import { EmptyState } from '../../components/States.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { InvitationsList } from './InvitationsList.tsx';
import { InvitePanel } from './InvitePanel.tsx';
import { TeamsPanel } from './TeamsPanel.tsx';

const sections = [
  { id: 'teams', title: 'Teams' },
  { id: 'members', title: 'Members' },
  { id: 'invite', title: 'Invite someone' },
  { id: 'invitations', title: 'Invitations' },
  { id: 'import', title: 'Import from CSV' },
] as const;

function SelectedTeamMembers({ teamId }: { teamId: string | undefined }) {
  const teams = useQuery(teamList());
  const selected = teams.data?.find((t) => t.id === teamId);
  if (!teamId || !selected) {
    return (
      <EmptyState>
        <p>Choose “Members” next to a team above to see who is in it.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <h3>{selected.name}</h3>
      <MembersTable teamId={selected.id} teamName={selected.name} />
    </>
  );
}

export function AdminPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const selectedTeamId = params.get('team') ?? undefined;

  const title = (id: (typeof sections)[number]['id']) => sections.find((s) => s.id === id)!.title;

  return (
    <>
      <title>Admin · Leeway</title>
      <h1>Admin</h1>
      <p className="muted">
        Teams and people of {session.org.name}. Settings, org-wide results and the CSV export are
        under <Link to="/org">Organisation</Link>.
      </p>
      <PageContents sections={sections} />

      <section id="teams" aria-labelledby="teams-title" className="section">
        <h2 id="teams-title">{title('teams')}</h2>
        <TeamsPanel
          selectedTeamId={selectedTeamId}
          onSelect={(teamId) => {
            setParams({ team: teamId }, { replace: true });
            requestAnimationFrame(() =>
              document.getElementById('members-title')?.scrollIntoView({ block: 'start' }),
            );
          }}
        />
      </section>

      <section id="members" aria-labelledby="members-title" className="section">
        <h2 id="members-title">{title('members')}</h2>
        <SelectedTeamMembers teamId={selectedTeamId} />
      </section>

      <section id="invite" aria-labelledby="invite-title" className="section">
        <h2 id="invite-title">{title('invite')}</h2>
        <p className="hint">
          They get a link to set a password; it works once and expires. Leeway sends no e-mail, so
          send the link yourself.
        </p>
        <InvitePanel />
      </section>

      <section id="invitations" aria-labelledby="invitations-title" className="section">
        <h2 id="invitations-title">{title('invitations')}</h2>
        <InvitationsList />
      </section>

      <section id="import" aria-labelledby="import-title" className="section">
        <h2 id="import-title">{title('import')}</h2>
        <ImportPanel />
      </section>
    </>
  );
}
