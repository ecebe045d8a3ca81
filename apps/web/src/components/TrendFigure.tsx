import { lazy } from 'react';
import { formatCount, formatWeekParts, formatWeekSpan } from '../lib/format.ts';
import { ChartFigure } from './ChartFigure.tsx';
import type { WeekBand, WeekPoint } from './charts/types.ts';
import type { WeeklyLineChartProps } from './charts/WeeklyLineChart.tsx';

// recharts arrives with the first chart, not with the page.
const WeeklyLineChart = lazy(async () => ({
  default: (await import('./charts/WeeklyLineChart.tsx')).WeeklyLineChart,
}));

const countText = (value: number | undefined) => (value === undefined ? '—' : formatCount(value));

export interface TableColumn {
  header: string;
  cell: (index: number) => string;
}

interface TrendFigureProps extends Omit<WeeklyLineChartProps, 'data' | 'bands'> {
  title: string;
  description: string;
  data: WeekPoint[];
  bands: WeekBand[];
  /** Extra columns for the data table beside the chart (respondents, members…). */
  columns?: TableColumn[];
  /**
   * Lists the shaded bands under the chart; off for charts below a first one that lists the same
   * bands, so a list of experiments is printed once.
   */
  bandLegend?: boolean;
}

/**
 * A weekly line with its table. A week without a value says why in both (lib/hidden.ts), the
 * week in progress is a last row that says when it closes and nothing else, and the weeks of a
 * shaded band (an experiment) name it in an extra column.
 */
export function TrendFigure({
  title,
  description,
  columns = [],
  bandLegend = true,
  ...chart
}: TrendFigureProps) {
  const { data, formatValue, bands, counts } = chart;
  const bandOf = (week: string) => bands.find((b) => b.from <= week && week <= b.to)?.label;

  const table = (
    <table>
      <caption>{title} by week</caption>
      <thead>
        <tr>
          <th scope="col">Week</th>
          <th scope="col" className="num">
            {chart.seriesName}
          </th>
          {columns.map((c) => (
            <th scope="col" className="num" key={c.header}>
              {c.header}
            </th>
          ))}
          {counts ? (
            <th scope="col" className="num">
              {counts.name}
            </th>
          ) : null}
          {bands.length > 0 ? <th scope="col">Experiment</th> : null}
        </tr>
      </thead>
      <tbody>
        {data.map((point, i) => (
          <tr key={point.week}>
            <th scope="row" className="nowrap">
              {formatWeekParts(point.week).label}{' '}
              <span className="cell-sub">{formatWeekParts(point.week).monday}</span>
            </th>
            {point.gap === 'open' ? (
              // One cell across every figure: the week in progress shows no value and no count.
              <td colSpan={1 + columns.length + (counts ? 1 : 0)} className="cell-hidden">
                {point.note}
              </td>
            ) : (
              <>
                <td className={point.value !== null ? 'num' : 'num cell-hidden'}>
                  {point.value !== null ? formatValue(point.value) : (point.note ?? '—')}
                </td>
                {columns.map((c) => (
                  <td className="num" key={c.header}>
                    {c.cell(i)}
                  </td>
                ))}
                {counts ? <td className="num">{countText(counts.values[i])}</td> : null}
              </>
            )}
            {bands.length > 0 ? <td>{bandOf(point.week) ?? '—'}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure
      title={title}
      description={description}
      table={table}
      tableLabel={`Table of ${title} by week`}
      legend={
        bandLegend && bands.length > 0 ? (
          <ol className="band-legend" aria-label={`Shaded on the ${title} chart`}>
            {bands.map((band) => (
              <li key={`${band.from}-${band.to}`}>
                {band.label} <span className="muted">· {formatWeekSpan(band.from, band.to)}</span>
              </li>
            ))}
          </ol>
        ) : null
      }
    >
      <WeeklyLineChart {...chart} />
    </ChartFigure>
  );
}
