import type { OpenWeek, WeekAggregate } from '@leeway/contracts';
import { TableScroll } from '../../components/TableScroll.tsx';
import { type Change, changeBetween, changeText, lastTwo } from '../../lib/change.ts';
import {
  formatChange,
  formatEnps,
  formatPercent,
  formatScore,
  formatWeek,
} from '../../lib/format.ts';
import { fromFirstMembers, hiddenText, openWeekText, reasonOf } from '../../lib/hidden.ts';
import { type ItemId, itemIds, itemNames } from '../../lib/items.ts';

interface LastClosedWeekProps {
  /** Closed weeks, oldest first, as the trends return them. */
  weeks: WeekAggregate[];
  current: OpenWeek;
  k: number;
  timeZone: string;
  /** "the team", "the organisation": whose figures these are, for the sentences. */
  whose: string;
}

const changeClass = (change: Change) =>
  change.kind === 'change' ? 'stat-change' : 'stat-change stat-change-none';

/**
 * The last closed week's engagement, eNPS, participation and each item, each with its change
 * since the previous closed week — only when both weeks are published; otherwise the reason.
 * The week in progress is named with when it closes, and nothing else.
 */
export function LastClosedWeek({ weeks, current, k, timeZone, whose }: LastClosedWeekProps) {
  const shown = fromFirstMembers(weeks);
  const { last, previous } = lastTwo(shown);
  const open = <p className="muted">This week: {openWeekText(current, timeZone)}.</p>;
  if (!last) {
    return (
      <>
        <p>No week has closed yet for {whose}. Results appear here once one has.</p>
        {open}
      </>
    );
  }
  const reason = reasonOf(last);
  const change = (figure: (w: WeekAggregate) => number | null) =>
    changeBetween(last, previous, figure);
  const engagement = change((w) => w.engagement?.mean ?? null);
  const enps = change((w) => w.enps);
  const participation = change((w) => (w.participation === null ? null : w.participation * 100));

  return (
    <>
      <p className="muted">
        Last closed week: <strong>{formatWeek(last.week)}</strong>
      </p>
      {reason ? (
        <p className="alert alert-info">
          The figures of {formatWeek(last.week)} are hidden: {hiddenText(reason, k)}.
        </p>
      ) : (
        <>
          <dl className="stats">
            <div className="stat">
              <dt>Engagement</dt>
              <dd>
                {last.engagement ? formatScore(last.engagement.mean) : '—'}
                <span className="stat-unit"> / 100</span>
              </dd>
              <dd className={changeClass(engagement)}>{changeText(engagement, k)}</dd>
            </div>
            <div className="stat">
              <dt>eNPS</dt>
              <dd>{last.enps === null ? '—' : formatEnps(last.enps)}</dd>
              <dd className={changeClass(enps)}>{changeText(enps, k)}</dd>
            </div>
            <div className="stat">
              <dt>Participation</dt>
              <dd>{last.participation === null ? '—' : formatPercent(last.participation)}</dd>
              <dd className={changeClass(participation)}>
                {changeText(participation, k, 'percentage points')}
              </dd>
            </div>
          </dl>
          {last.items ? <ItemChanges last={last} previous={previous} k={k} /> : null}
        </>
      )}
      {open}
    </>
  );
}

function ItemChanges({
  last,
  previous,
  k,
}: {
  last: WeekAggregate;
  previous: WeekAggregate | undefined;
  k: number;
}) {
  const rows = itemIds.map((id: ItemId) => ({
    id,
    score: last.items?.[id] ?? null,
    change: changeBetween(last, previous, (w) => w.items?.[id] ?? null),
  }));
  const hiddenBefore = rows[0]?.change.kind === 'hidden' ? rows[0].change : null;
  return (
    <>
      <TableScroll label="Questions of the last closed week">
        <table>
          <caption>Each question, 0–100, and its change since the week before</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col" className="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{itemNames[row.id]}</th>
                <td className="num">{row.score === null ? '—' : formatScore(row.score)}</td>
                <td className="num nowrap">
                  {row.change.kind === 'change' ? formatChange(row.change.value) : 'not shown'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {hiddenBefore ? <p className="hint">Changes: {changeText(hiddenBefore, k)}.</p> : null}
    </>
  );
}
