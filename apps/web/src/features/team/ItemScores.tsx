import type { WeekAggregate } from '@leeway/contracts';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatScore, formatWeek } from '../../lib/format.ts';
import { itemIds, itemNames } from '../../lib/items.ts';

/** The five Likert items of one published week, each on 0–100, with a bar for quick comparison. */
export function ItemScores({ week }: { week: WeekAggregate }) {
  if (!week.items) return null;
  const items = week.items;
  return (
    <TableScroll label="Table of item scores">
      <table className="item-table">
        <caption>Item scores, {formatWeek(week.week)} (0–100)</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col" className="num">
              Score
            </th>
          </tr>
        </thead>
        <tbody>
          {itemIds.map((id) => (
            <tr key={id}>
              <th scope="row">{itemNames[id]}</th>
              <td className="num">
                <span className="bar" aria-hidden="true">
                  <span
                    className="bar-fill"
                    style={{ width: `${Math.max(0, Math.min(100, items[id]))}%` }}
                  />
                </span>
                {formatScore(items[id])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
