import { useQuery } from '@tanstack/react-query';
import { enpsDrivers } from '../../api/evidence.queries.ts';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatCount } from '../../lib/format.ts';
import { itemNames } from '../../lib/items.ts';

const r = (x: number) => x.toFixed(2).replace('-', '−');

/** What goes with eNPS here: each item's correlation with eNPS over published team-weeks. */
export function DriversSection() {
  const drivers = useQuery(enpsDrivers());
  if (drivers.isPending) return <Loading label="Loading what goes with eNPS…" />;
  if (drivers.isError)
    return <ErrorState error={drivers.error} onRetry={() => drivers.refetch()} />;
  const d = drivers.data;
  if (!d.shown) {
    return (
      <EmptyState>
        <p>
          Not enough published team-weeks yet: {formatCount(d.teamWeeks)} from{' '}
          {formatCount(d.teams)} {d.teams === 1 ? 'team' : 'teams'}. This needs at least{' '}
          {d.minimum.teamWeeks} team-weeks from {d.minimum.teams} teams to mean something.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      {d.reading ? <p>{d.reading}</p> : null}
      <TableScroll label="Table of how each question goes with eNPS">
        <table className="drivers-table">
          <caption>
            Correlation of each question with eNPS across {formatCount(d.teamWeeks)} published
            team-weeks ({d.estimator})
          </caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col" className="num">
                r
              </th>
              <th scope="col" className="num">
                95 % CI
              </th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((item) => (
              <tr key={item.item}>
                <th scope="row">{itemNames[item.item as keyof typeof itemNames]}</th>
                <td className="num">{r(item.estimate)}</td>
                <td className="num nowrap">
                  {r(item.ci95[0])} to {r(item.ci95[1])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
