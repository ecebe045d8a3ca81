import { type ReactNode, Suspense, useEffect, useId, useRef, useState } from 'react';
import { SkeletonText } from './States.tsx';
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

// Charts are drawn one at a time, each in a task of its own: recharts draws a chart in one
// synchronous stretch (tens of milliseconds, several times that on a slow phone), and a page of
// charts drawn together would block input for the sum of them (Lighthouse's total blocking time).
const waiting: (() => void)[] = [];
let drawing = false;

function drawNext() {
  const start = waiting.shift();
  drawing = start !== undefined;
  if (start) setTimeout(start, 0);
}

/** `turn` once the charts before this one are drawn; call `drawn` when this one is. */
function useTurnToDraw(): { turn: boolean; drawn: () => void } {
  const [turn, setTurn] = useState(false);
  const release = useRef<(() => void) | null>(null);
  useEffect(() => {
    let mounted = true;
    const start = () => {
      if (!mounted) return drawNext();
      release.current = () => {
        release.current = null;
        drawNext();
      };
      setTurn(true);
    };
    waiting.push(start);
    if (!drawing) drawNext();
    return () => {
      mounted = false;
      const queued = waiting.indexOf(start);
      if (queued >= 0) waiting.splice(queued, 1);
      release.current?.();
    };
  }, []);
  return { turn, drawn: () => release.current?.() };
}

/** Renders nothing; tells when the content beside it in a Suspense boundary is on the page. */
function OnCommit({ run }: { run: () => void }) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when first committed
  useEffect(() => run(), []);
  return null;
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
  const { turn, drawn } = useTurnToDraw();
  const placeholder = <div className="chart-placeholder">Loading chart…</div>;
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
        <Suspense fallback={placeholder}>
          {turn ? (
            <>
              {children}
              <OnCommit run={drawn} />
            </>
          ) : (
            placeholder
          )}
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

/**
 * A `ChartFigure` whose data is still loading: its title, the place of its button, a line of its
 * description and the chart's full height, so the real one replaces it without moving the page.
 */
export function ChartFigureSkeleton({
  title,
  compact = false,
}: {
  title: string;
  compact?: boolean;
}) {
  return (
    <div className="chart-figure" aria-hidden="true">
      <div className="chart-head">
        <p className="chart-skeleton-title">{title}</p>
        <span className="button button-small skeleton-button">Show table</span>
      </div>
      <p className="hint">
        <SkeletonText size="long" />
      </p>
      <div className={compact ? 'chart-box chart-box-compact' : 'chart-box'}>
        <div className="skeleton-chart" />
      </div>
    </div>
  );
}
