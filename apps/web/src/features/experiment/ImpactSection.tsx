import type { Experiment, Impact, ImpactWindow } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { lazy } from 'react';
import { experimentImpact } from '../../api/experiments.queries.ts';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { IntervalPlot, type IntervalRow } from '../../components/IntervalPlot.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import {
  formatAnswersFromPeople,
  formatChange,
  formatCount,
  formatEnps,
  formatInterval,
  formatP,
  formatScore,
  formatWeek,
  formatWeekList,
  formatWeekSpan,
} from '../../lib/format.ts';
import { hiddenText } from '../../lib/hidden.ts';
import { FidelityNote, OutcomesTable, ReadingNotes, tooEarlySentence } from './ImpactReading.tsx';
import {
  comparisonSentence,
  detectableSentence,
  suppressedSentence,
  verdictSentence,
} from './verdict.ts';

// recharts arrives with the chart, not with the page.
const MeansChart = lazy(async () => ({
  default: (await import('../../components/charts/MeansChart.tsx')).MeansChart,
}));

/** The published weeks a window pools: a run, or each week named when hidden ones are left out. */
const spanOf = (weeks: string[]) => (weeks.length > 0 ? formatWeekList(weeks) : 'no weeks yet');

const orDash = (value: number | null, format: (v: number) => string) =>
  value === null ? '—' : format(value);

function BeforeAfterFigure({ impact }: { impact: Impact }) {
  const { before, after } = impact;
  if (before.mean === null || after.mean === null) return null;
  const table = (
    <table>
      <caption>Engagement before and during the experiment</caption>
      <thead>
        <tr>
          <th scope="col">Window</th>
          <th scope="col">Weeks</th>
          <th scope="col" className="num">
            Answers
          </th>
          <th scope="col" className="num">
            People
          </th>
          <th scope="col" className="num">
            Mean (0–100)
          </th>
          <th scope="col" className="num">
            SD
          </th>
        </tr>
      </thead>
      <tbody>
        {[
          { name: 'Before', w: before },
          { name: 'During', w: after },
        ].map(({ name, w }) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{spanOf(w.weeks)}</td>
            <td className="num">{formatCount(w.n)}</td>
            <td className="num">{formatCount(w.people)}</td>
            <td className="num">{orDash(w.mean, formatScore)}</td>
            <td className="num">{orDash(w.sd, formatScore)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure
      title="Before and during"
      description="Mean engagement (0–100) of the baseline weeks and of the experiment's weeks."
      table={table}
      tableLabel="Table of engagement before and during the experiment"
    >
      <MeansChart
        before={{ label: 'Before', value: before.mean }}
        after={{ label: impact.partial ? 'So far' : 'During', value: after.mean }}
      />
    </ChartFigure>
  );
}

function ChangeFigure({ impact }: { impact: Impact }) {
  const { effect, did } = impact;
  if (effect.diff === null || effect.ci95 === null) return null;
  const rows: (IntervalRow & { p: number | null })[] = [
    { label: 'This team: during − before', estimate: effect.diff, ci: effect.ci95, p: effect.p },
  ];
  if (did) {
    rows.push({
      label: 'Against teams without an experiment',
      estimate: did.diff,
      ci: did.ci95,
      p: did.p,
    });
  }
  const table = (
    <table>
      <caption>Change in engagement with 95 % confidence intervals</caption>
      <thead>
        <tr>
          <th scope="col">Comparison</th>
          <th scope="col" className="num">
            Change (points)
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
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className="num">{formatChange(row.estimate)}</td>
            <td className="num nowrap">{formatInterval(row.ci)}</td>
            <td className="num nowrap">{row.p === null ? '—' : formatP(row.p)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure
      title="Change with its 95 % interval"
      description="The dot is the change in points; the line is where the true change most likely lies. An interval crossing zero means no measurable change."
      table={table}
      tableLabel="Table of the change in engagement"
      compact
    >
      <IntervalPlot rows={rows} />
    </ChartFigure>
  );
}

/**
 * The weeks of the design that a window did not pool, and why: hidden weeks (in the helper's
 * words) and the week in progress.
 */
function LeftOutWeeks({ impact }: { impact: Impact }) {
  const windows: { name: string; pooled: ImpactWindow }[] = [
    { name: 'Before', pooled: impact.before },
    { name: impact.partial ? 'So far' : 'During', pooled: impact.after },
  ];
  const leftOut = windows.flatMap(({ name, pooled }) =>
    pooled.leftOut.map((week) => ({ name, ...week })),
  );
  if (leftOut.length === 0) return null;
  return (
    <div className="subsection">
      <h3 id="left-out-title">Weeks left out</h3>
      <p className="hint">
        Only published weeks are pooled. These weeks of the design are not in the figures.
      </p>
      <ul className="left-out" aria-labelledby="left-out-title">
        {leftOut.map(({ name, week, reason }) => (
          <li key={week}>
            <strong>{name}</strong> · {formatWeek(week)}: {hiddenText(reason, impact.k)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ImpactFigures({ impact, experiment }: { impact: Impact; experiment: Experiment }) {
  const { effect, did, before, after, enps } = impact;
  const verdict = verdictSentence(impact, experiment.durationWeeks);
  const detectable = detectableSentence(impact);
  return (
    <>
      <ReadingNotes impact={impact} />
      {impact.reading.tooEarly ? (
        <p className="verdict verdict-inconclusive">{tooEarlySentence(impact)}</p>
      ) : verdict ? (
        <p className={`verdict verdict-${effect.verdict}`}>
          {verdict}.{detectable ? ` ${detectable}` : ''}
        </p>
      ) : null}
      <p>{comparisonSentence(impact)}</p>

      <div className="impact-grid">
        <dl className="figures">
          <div>
            <dt>Before</dt>
            <dd>
              {orDash(before.mean, formatScore)}{' '}
              <span className="cell-sub">
                {spanOf(before.weeks)} · {formatAnswersFromPeople(before.n, before.people)}
              </span>
            </dd>
          </div>
          <div>
            <dt>{impact.partial ? 'So far' : 'During'}</dt>
            <dd>
              {orDash(after.mean, formatScore)}{' '}
              <span className="cell-sub">
                {spanOf(after.weeks)} · {formatAnswersFromPeople(after.n, after.people)}
              </span>
            </dd>
          </div>
          <div>
            <dt>Change</dt>
            <dd>
              {orDash(effect.diff, formatChange)} points{' '}
              <span className="cell-sub">
                {effect.ci95 ? `95 % CI ${formatInterval(effect.ci95)}` : ''}
                {effect.p !== null ? ` · ${formatP(effect.p)}` : ''}
                {effect.hedgesG !== null ? ` · Hedges' g ${formatScore(effect.hedgesG)}` : ''}
              </span>
            </dd>
          </div>
          <div>
            <dt>Against teams without an experiment</dt>
            <dd>
              {did ? (
                <>
                  {formatChange(did.diff)} points{' '}
                  <span className="cell-sub">
                    95 % CI {formatInterval(did.ci95)} · {formatP(did.p)} ·{' '}
                    {formatCount(did.comparisonTeams)}{' '}
                    {did.comparisonTeams === 1 ? 'team' : 'teams'}
                  </span>
                </>
              ) : (
                <span className="cell-sub">No comparison teams with enough answers</span>
              )}
            </dd>
          </div>
          <div>
            <dt>eNPS</dt>
            <dd>
              {orDash(enps.before, formatEnps)} → {orDash(enps.after, formatEnps)}{' '}
              <span className="cell-sub">before → during, from −100 to +100</span>
            </dd>
          </div>
        </dl>
        <div className="chart-stack">
          <BeforeAfterFigure impact={impact} />
          <ChangeFigure impact={impact} />
        </div>
      </div>
      <LeftOutWeeks impact={impact} />
      <div className="subsection">
        <h3>Primary outcome and per question</h3>
        <OutcomesTable impact={impact} />
      </div>
      <FidelityNote impact={impact} />
    </>
  );
}

function ImpactResult({ experiment, k }: { experiment: Experiment; k: number }) {
  const impact = useQuery(experimentImpact(experiment.id));
  if (impact.isPending) return <Loading label="Computing the impact…" />;
  if (impact.isError) {
    return <ErrorState error={impact.error} onRetry={() => impact.refetch()} />;
  }
  const data = impact.data;
  return (
    <>
      {data.partial ? (
        <p className="alert alert-info">
          Still running: computed on its closed weeks so far ({spanOf(data.after.weeks)}). The
          figures change as its weeks close.
        </p>
      ) : null}
      {data.suppressed ? (
        <>
          <EmptyState>
            <p>{suppressedSentence(data, data.k || k)}</p>
          </EmptyState>
          <LeftOutWeeks impact={data} />
        </>
      ) : (
        <ImpactFigures impact={data} experiment={experiment} />
      )}
    </>
  );
}

/** The impact of one experiment, or why there is none (yet). */
export function ImpactSection({ experiment, k }: { experiment: Experiment; k: number }) {
  return (
    <section aria-labelledby="impact-title" className="section">
      <h2 id="impact-title">Impact on engagement</h2>
      {experiment.status === 'cancelled' ? (
        <EmptyState>
          <p>This experiment was cancelled, so it has no impact to measure.</p>
        </EmptyState>
      ) : experiment.status === 'planned' ? (
        <EmptyState>
          <p>
            It starts in {formatWeekSpan(experiment.startWeek, experiment.startWeek)}. Results
            appear once it runs and at least {k} people answered in the weeks before and during it.
          </p>
        </EmptyState>
      ) : (
        <ImpactResult experiment={experiment} k={k} />
      )}
    </section>
  );
}
