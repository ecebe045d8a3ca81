import type { Me } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { teamList } from '../../api/teams.queries.ts';
import { useSession } from '../../app/session.ts';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatCount } from '../../lib/format.ts';
import { PulseBanner } from './PulseBanner.tsx';

function TeamsTable({ teamIds }: { teamIds?: string[] }) {
  const teams = useQuery(teamList());
  if (teams.isPending) return <Loading label="Loading teams…" />;
  if (teams.isError) return <ErrorState error={teams.error} onRetry={() => teams.refetch()} />;
  const shown = teamIds ? teams.data.filter((t) => teamIds.includes(t.id)) : teams.data;
  if (shown.length === 0) {
    return (
      <EmptyState>
        <p>No teams yet.</p>
        {teamIds ? null : (
          <p>
            <Link to="/admin">Create your first team</Link> and invite people to it.
          </p>
        )}
      </EmptyState>
    );
  }
  return (
    <TableScroll label="Table of teams">
      <table>
        <caption className="visually-hidden">Teams</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col" className="num">
              Members
            </th>
            <th scope="col">Leads</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((t) => (
            <tr key={t.id}>
              <th scope="row">
                <Link to={`/teams/${t.id}`}>{t.name}</Link>
              </th>
              <td className="num">{formatCount(t.memberCount)}</td>
              <td>{t.leads.length > 0 ? t.leads.map((l) => l.name).join(', ') : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function AdminHome({ session }: { session: Me }) {
  return (
    <>
      <h1>{session.org.name}</h1>
      {session.memberOf ? <PulseBanner /> : null}
      <section aria-labelledby="teams-title" className="section">
        <div className="section-head">
          <h2 id="teams-title">Teams</h2>
          <Link to="/admin" className="button button-secondary">
            Manage teams and invitations
          </Link>
        </div>
        <p className="muted">
          Open a team to see its engagement, eNPS and participation by week. Figures from fewer than{' '}
          {session.minGroupSize} people are never shown.
        </p>
        <TeamsTable />
      </section>
    </>
  );
}

function LeadHome({ session }: { session: Me }) {
  return (
    <>
      <h1>Your teams</h1>
      {session.memberOf ? <PulseBanner /> : null}
      <section aria-labelledby="led-teams-title" className="section">
        <h2 id="led-teams-title">Teams you lead</h2>
        {session.leads.length === 0 ? (
          <EmptyState>
            <p>You do not lead a team yet. Your HR team can make you the lead of one.</p>
          </EmptyState>
        ) : (
          <TeamsTable teamIds={session.leads.map((t) => t.id)} />
        )}
      </section>
      {session.memberOf ? (
        <p>
          You also answer the pulse of <strong>{session.memberOf.name}</strong>.
        </p>
      ) : null}
    </>
  );
}

function MemberHome({ session }: { session: Me }) {
  const team = session.memberOf;
  return (
    <>
      <h1>Hello, {session.user.name}</h1>
      {team ? (
        <>
          <PulseBanner />
          <section aria-labelledby="my-team-title" className="section">
            <h2 id="my-team-title">Your team: {team.name}</h2>
            <p>
              Every week you answer six short questions about your work. Your answers are stored
              without your name, and results appear only when at least {session.minGroupSize} people
              answered.
            </p>
            <p>
              <Link to={`/teams/${team.id}`}>See {team.name}'s results</Link>
            </p>
          </section>
        </>
      ) : (
        <EmptyState>
          <p>
            You are not in a team yet. Once your HR team adds you to one, its pulse appears here.
          </p>
        </EmptyState>
      )}
    </>
  );
}

export function HomePage() {
  const session = useSession();
  return (
    <>
      <title>Home · Leeway</title>
      {session.user.role === 'admin' ? (
        <AdminHome session={session} />
      ) : session.user.role === 'lead' ? (
        <LeadHome session={session} />
      ) : (
        <MemberHome session={session} />
      )}
    </>
  );
}
