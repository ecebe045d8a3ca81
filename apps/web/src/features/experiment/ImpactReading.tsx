import type { Impact } from '@leeway/contracts';
import { Link } from 'react-router';
import { TableScroll } from '../../components/TableScroll.tsx';
import {
  formatChange,
  formatInterval,
  formatP,
  formatScore,
  formatWeekList,
} from '../../lib/format.ts';
import { outcomeNames } from '../team/experiments/DesignPreflight.tsx';

const orDash = (value: number | null, format: (v: number) => string) =>
  value === null ? '—' : format(value);

/** Instead of a verdict while the design's weeks have not all closed. */
export function tooEarlySentence(impact: Impact): string {
  return `Too early to tell: the figures below cover ${impact.after.weeks.length === 0 ? 'none' : formatWeekList(impact.after.weeks)} of the experiment's weeks, and a verdict waits until all of them have closed.`;
}

/**
 * What the reader must know before the numbers (issue 14): an experiment launched as not
 * measured, other experiments inside its windows, and a baseline unusually low for the team
 * (regression to the mean), where the comparison with other teams is shown first.
 */
export function ReadingNotes({ impact }: { impact: Impact }) {
  const { reading, did } = impact;
  return (
    <>
      {reading.measured ? null : (
        <p className="alert alert-info">
          Launched as “not measured”: the team has fewer members than the smallest group shown, so
          no result can be shown.
        </p>
      )}
      {reading.rebound?.lowBaseline ? (
        <div className="alert alert-info rebound">
          <p>
            <strong>The weeks before were unusually low for this team</strong> (
            {formatScore(reading.rebound.baselineMean)} against its usual{' '}
            {formatScore(reading.rebound.usualMean)} over the {reading.rebound.earlierWeeks}{' '}
            published weeks before). Part of any rise may be the rebound that would have happened
            anyway, so the comparison with teams without an experiment is the one to read first:{' '}
            {did
              ? `${formatChange(did.diff)} points (95 % CI ${formatInterval(did.ci95)}).`
              : 'there are not enough comparison teams with answers for it.'}
          </p>
        </div>
      ) : null}
      {reading.overlaps.length > 0 ? (
        <div className="alert alert-info overlaps">
          <p>
            Its windows overlap{' '}
            {reading.overlaps.map((o, i) => (
              <span key={o.experimentId}>
                {i > 0 ? ', ' : ''}
                <Link to={`/experiments/${o.experimentId}`}>“{o.title}”</Link> (
                {formatWeekList(o.weeks)})
              </span>
            ))}
            : the change mixes both experiments. For back-to-back experiments the organisation's
            panel estimate separates them better.
          </p>
        </div>
      ) : null}
    </>
  );
}

/** How far the team really did it: the fidelity item, per closed week, from k answers. */
export function FidelityNote({ impact }: { impact: Impact }) {
  const { fidelity, k } = { fidelity: impact.reading.fidelity, k: impact.k };
  const shown = fidelity.weeks.filter((w) => w.mean !== null);
  return (
    <div className="subsection">
      <h3>Did the team really do it?</h3>
      <p>
        During its weeks the pulse asked: “{fidelity.statement}”{' '}
        {fidelity.mean !== null
          ? `Agreement: ${formatScore(fidelity.mean)} / 100 (${shown
              .map(
                (w) =>
                  `${formatWeekList([w.week])}: ${formatScore(w.mean!)} from ${w.answers} answers`,
              )
              .join('; ')}).`
          : `No result yet: a week shows it once it has closed, is published and has at least ${k} answers to it.`}
      </p>
    </div>
  );
}

/** The primary outcome first, then the exploratory ones with Holm-adjusted p-values. */
export function OutcomesTable({ impact }: { impact: Impact }) {
  const rows = impact.reading.outcomes;
  return (
    <TableScroll label="Table of changes per outcome">
      <table className="item-table outcomes-table">
        <caption>
          Change per outcome (0–100): the primary outcome, fixed at launch, first; the others are
          exploratory, their p-values adjusted for looking at five (Holm)
        </caption>
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">
              Before
            </th>
            <th scope="col" className="num">
              During
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col" className="num">
              95 % CI
            </th>
            <th scope="col" className="num">
              p
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.outcome} className={o.primary ? 'primary-outcome' : undefined}>
              <th scope="row">
                {outcomeNames[o.outcome]}
                <span className="cell-sub">{o.primary ? ' Primary' : ' Exploratory'}</span>
              </th>
              <td className="num">{orDash(o.before, formatScore)}</td>
              <td className="num">{orDash(o.after, formatScore)}</td>
              <td className="num">{orDash(o.diff, formatChange)}</td>
              <td className="num nowrap">{o.ci95 ? formatInterval(o.ci95) : '—'}</td>
              <td className="num nowrap">
                {o.pAdjusted === null ? '—' : formatP(o.pAdjusted)}
                {o.primary || o.pAdjusted === null ? '' : ' (Holm)'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
