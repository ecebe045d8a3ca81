import { lazy, Suspense, useId, useState } from 'react';
import type { WeekBand, WeekPoint } from '../../components/charts/types.ts';
import type { WeeklyLineChartProps } from '../../components/charts/WeeklyLineChart.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatWeekParts } from '../../lib/format.ts';

// recharts arrives with the first chart, not with the page.
const WeeklyLineChart = lazy(async () => ({
  default: (await import('../../components/charts/WeeklyLineChart.tsx')).WeeklyLineChart,
}));

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
}

/**
 * A chart with its numbers: the line for sighted users, a table (hidden until asked for) that
 * screen readers always reach. Suppressed weeks read "fewer than k answers" in both.
 */
export function TrendFigure({ title, description, columns = [], ...chart }: TrendFigureProps) {
  const titleId = useId();
  const [showTable, setShowTable] = useState(false);
  const { data, formatValue, k } = chart;

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
        </tr>
      </thead>
      <tbody>
        {data.map((point, i) => (
          <tr key={point.week}>
            <th scope="row" className="nowrap">
              {formatWeekParts(point.week).label}{' '}
              <span className="cell-sub">{formatWeekParts(point.week).monday}</span>
            </th>
            <td className="num">
              {point.value !== null
                ? formatValue(point.value)
                : point.suppressed
                  ? `fewer than ${k} answers`
                  : '—'}
            </td>
            {columns.map((c) => (
              <td className="num" key={c.header}>
                {c.cell(i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <figure className="chart-figure" aria-labelledby={titleId}>
      <div className="chart-head">
        <h3 id={titleId}>{title}</h3>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-pressed={showTable}
          onClick={() => setShowTable((s) => !s)}
        >
          Show table<span className="visually-hidden"> of {title}</span>
        </button>
      </div>
      <p className="hint">{description}</p>
      <div className="chart-box" aria-hidden="true">
        <Suspense fallback={<div className="chart-placeholder">Loading chart…</div>}>
          <WeeklyLineChart {...chart} />
        </Suspense>
      </div>
      {showTable ? (
        <TableScroll label={`Table of ${title} by week`}>{table}</TableScroll>
      ) : (
        <div className="visually-hidden">{table}</div>
      )}
    </figure>
  );
}
