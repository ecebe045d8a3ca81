import { type ReactNode, Suspense, useId, useState } from 'react';
import { TableScroll } from './TableScroll.tsx';

interface ChartFigureProps {
  title: string;
  description: ReactNode;
  /** The same numbers as the chart, as a table with a caption. */
  table: ReactNode;
  /** Names the table's scroll box, e.g. "Table of Engagement by week". */
  tableLabel: string;
  /** The chart itself, usually a lazy recharts component; hidden from screen readers. */
  children: ReactNode;
  /** A chart shorter than the usual 240 px (an interval plot). */
  compact?: boolean;
  /** Shown under the chart, e.g. what its shaded areas are. */
  legend?: ReactNode;
}

/**
 * A chart with its numbers: the drawing for sighted users, a table (hidden until asked for) that
 * screen readers always reach.
 */
export function ChartFigure({
  title,
  description,
  table,
  tableLabel,
  children,
  compact = false,
  legend,
}: ChartFigureProps) {
  const titleId = useId();
  const [showTable, setShowTable] = useState(false);
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
      <div className={compact ? 'chart-box chart-box-compact' : 'chart-box'} aria-hidden="true">
        <Suspense fallback={<div className="chart-placeholder">Loading chart…</div>}>
          {children}
        </Suspense>
      </div>
      {legend}
      {showTable ? (
        <TableScroll label={tableLabel}>{table}</TableScroll>
      ) : (
        <div className="visually-hidden">{table}</div>
      )}
    </figure>
  );
}
