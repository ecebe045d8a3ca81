import type { Team } from '@leeway/contracts';
import { Link } from 'react-router';
import { EmptyState } from '../../components/States.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatCount } from '../../lib/format.ts';

/** Every team with its size and leads, each linking to its page. */
export function TeamsTable({ teams, k }: { teams: Team[]; k: number }) {
  if (teams.length === 0) {
    return (
      <EmptyState>
        <p>
          No teams yet. <Link to="/admin">Create your first team</Link> and invite people to it.
        </p>
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
          {teams.map((t) => (
            <tr key={t.id}>
              <th scope="row">
                <Link to={`/teams/${t.id}`}>{t.name}</Link>
              </th>
              <td className="num">
                {formatCount(t.memberCount)}
                {t.memberCount < k ? <span className="cell-sub"> fewer than {k}</span> : null}
              </td>
              <td>{t.leads.length > 0 ? t.leads.map((l) => l.name).join(', ') : 'no lead yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
