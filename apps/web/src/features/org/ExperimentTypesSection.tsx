import type { ExperimentTypeImpact } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { experimentTypes } from '../../api/org.queries.ts';
import { IntervalBar, symmetricDomain } from '../../components/IntervalPlot.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { experimentTypeText } from '../../lib/experiments.ts';
import { formatChange, formatCount, formatInterval, formatScore } from '../../lib/format.ts';

const experimentsLabel = (n: number) =>
  `${formatCount(n)} ${n === 1 ? 'experiment' : 'experiments'}`;

/** "Flexible schedules: +4.1 points on average across 9 experiments (95 % CI 1.0 to 7.2)". */
export function typeSentence(row: ExperimentTypeImpact): string {
  const name = experimentTypeText[row.type].plural;
  if (!row.pooled) return `${name}: no completed experiments yet`;
  return `${name}: ${formatChange(row.pooled.diff)} points on average across ${experimentsLabel(row.experiments)} (95 % CI ${formatInterval(row.pooled.ci95)})`;
}

/** I² in words: how much the teams' results disagree beyond chance. */
function heterogeneity(row: ExperimentTypeImpact): string {
  if (!row.pooled) return '—';
  if (row.experiments < 2) return 'one experiment: no spread to judge';
  const i2 = row.pooled.i2;
  const words =
    i2 < 25
      ? 'consistent across teams'
      : i2 < 50
        ? 'some variation between teams'
        : i2 < 75
          ? 'moderate variation between teams'
          : 'varies a lot between teams';
  return `I² ${formatScore(i2)} % — ${words}`;
}

/** The experiment-type league table: pooled effects, best first; types with no data last. */
export function ExperimentTypesSection() {
  const types = useQuery(experimentTypes());
  if (types.isPending) return <Loading label="Loading experiment types…" />;
  if (types.isError) return <ErrorState error={types.error} onRetry={() => types.refetch()} />;
  const rows = [...types.data].sort(
    (a, b) =>
      (b.pooled ? 1 : 0) - (a.pooled ? 1 : 0) || (b.pooled?.diff ?? 0) - (a.pooled?.diff ?? 0),
  );
  const pooled = rows.filter((r) => r.pooled !== null);
  if (pooled.length === 0) {
    return (
      <EmptyState>
        <p>
          No completed experiments yet. Once teams finish experiments with enough answers before and
          after, their effects are pooled here by type.
        </p>
      </EmptyState>
    );
  }
  const { max } = symmetricDomain(pooled.map((r) => ({ ci: r.pooled!.ci95 })));
  return (
    <>
      <p className="hint">
        Two estimates of each type. The <strong>average change</strong> pools each experiment's own
        before-and-after change: trust it when experiments had clean baselines, with no other
        experiment in the weeks before. The <strong>panel estimate</strong> compares every published
        team-week with the same team's other weeks and other teams in the same week: trust it when
        teams run experiments back to back, because it needs no clean baseline; it needs at least
        two teams that ran the type. “A new team can expect” is the 95 % prediction interval, from
        three experiments on.
      </p>
      <p className="hint">
        Left out: experiments still running or cancelled, and those whose weeks were never published
        — a team smaller than k, or too few answers before or during (“not measured”). Their teams'
        pages say why.
      </p>
      <TableScroll label="Table of experiment types">
        <table className="league-table">
          <caption>Average change in engagement by experiment type</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Average change</th>
              <th scope="col">
                95 % interval <span className="cell-sub">zero line in the middle</span>
              </th>
              <th scope="col" className="num">
                Experiments
              </th>
              <th scope="col">Agreement</th>
              <th scope="col" className="num">
                A new team can expect
              </th>
              <th scope="col" className="num">
                Panel estimate <span className="cell-sub">back-to-back safe</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.type}>
                <th scope="row">
                  {experimentTypeText[row.type].name}
                  <span className="cell-sub">{experimentTypeText[row.type].explanation}</span>
                </th>
                <td className="league-sentence">{typeSentence(row)}</td>
                <td className="league-interval">
                  {row.pooled ? (
                    <IntervalBar
                      row={{ label: row.type, estimate: row.pooled.diff, ci: row.pooled.ci95 }}
                      max={max}
                    />
                  ) : null}
                </td>
                <td className="num">{formatCount(row.experiments)}</td>
                <td>{heterogeneity(row)}</td>
                <td className="num nowrap">
                  {row.pooled?.pi95 ? formatInterval(row.pooled.pi95) : '—'}
                </td>
                <td className="num nowrap">
                  {row.panel
                    ? `${formatChange(row.panel.diff)} (${formatInterval(row.panel.ci95)})`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
