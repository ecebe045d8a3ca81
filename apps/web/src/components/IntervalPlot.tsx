import { formatChange } from '../lib/format.ts';

export interface IntervalRow {
  label: string;
  estimate: number;
  ci: readonly [number, number];
}

const STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/** A symmetric axis around zero that holds every interval, with round tick steps. */
export function symmetricDomain(rows: { ci: readonly [number, number] }[]): {
  max: number;
  step: number;
} {
  const extent = Math.max(1, ...rows.flatMap((r) => [Math.abs(r.ci[0]), Math.abs(r.ci[1])]));
  const step = STEPS.find((s) => extent / s <= 3) ?? 100;
  return { max: Math.ceil(extent / step) * step, step };
}

// Percent coordinates keep the SVG as wide as its box without stretching dots or text.
const position = (value: number, max: number) =>
  `${4 + ((Math.max(-max, Math.min(max, value)) + max) / (2 * max)) * 92}%`;

/**
 * One interval (a CI) on a shared axis with a zero line: the line spans the interval, the dot
 * is the estimate. Decorative: the numbers are always written beside it.
 */
export function IntervalBar({ row, max }: { row: IntervalRow; max: number }) {
  return (
    <svg className="interval-bar" width="100%" height="20" aria-hidden="true" focusable="false">
      <line x1={position(0, max)} x2={position(0, max)} y1="0" y2="20" className="interval-zero" />
      <line
        x1={position(row.ci[0], max)}
        x2={position(row.ci[1], max)}
        y1="10"
        y2="10"
        className="interval-line"
      />
      <circle cx={position(row.estimate, max)} cy="10" r="4.5" className="interval-dot" />
    </svg>
  );
}

/** Several intervals, each with its label above it, over an axis in points. */
export function IntervalPlot({ rows }: { rows: IntervalRow[] }) {
  const { max, step } = symmetricDomain(rows);
  const ticks: number[] = [];
  for (let t = -max; t <= max; t += step) ticks.push(t);
  // The label sits on a line of its own, well above its interval, at every width.
  const rowHeight = 50;
  const height = rows.length * rowHeight + 34;
  return (
    <svg
      className="interval-plot"
      width="100%"
      height={height}
      aria-hidden="true"
      focusable="false"
    >
      {ticks.map((t) => (
        <line
          key={t}
          x1={position(t, max)}
          x2={position(t, max)}
          y1="0"
          y2={height - 26}
          className={t === 0 ? 'interval-zero' : 'interval-grid'}
        />
      ))}
      {rows.map((row, i) => {
        const y = i * rowHeight;
        return (
          <g key={row.label}>
            <text x="4%" y={y + 13} className="interval-label">
              {row.label}
            </text>
            <line
              x1={position(row.ci[0], max)}
              x2={position(row.ci[1], max)}
              y1={y + 34}
              y2={y + 34}
              className="interval-line"
            />
            <line
              x1={position(row.ci[0], max)}
              x2={position(row.ci[0], max)}
              y1={y + 28}
              y2={y + 40}
              className="interval-line"
            />
            <line
              x1={position(row.ci[1], max)}
              x2={position(row.ci[1], max)}
              y1={y + 28}
              y2={y + 40}
              className="interval-line"
            />
            <circle cx={position(row.estimate, max)} cy={y + 34} r="5" className="interval-dot" />
          </g>
        );
      })}
      {ticks.map((t) => (
        <text
          key={t}
          x={position(t, max)}
          y={height - 8}
          textAnchor="middle"
          className="interval-tick"
        >
          {t === 0 ? '0' : formatChange(t).replace(/[.,]0$/, '')}
        </text>
      ))}
    </svg>
  );
}
