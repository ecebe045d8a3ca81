import type { Heatmap, HeatmapCell, HeatmapMetric } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  memo,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useNavigate } from 'react-router';
import { orgHeatmap } from '../../api/org.queries.ts';
import type { WeekRange } from '../../api/trends.queries.ts';
import { useSession } from '../../app/session.ts';
import { Field } from '../../components/Field.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import {
  formatChange,
  formatCount,
  formatWeek,
  formatWeekParts,
  formatWeekSpan,
} from '../../lib/format.ts';
import {
  BEFORE_START_TEXT,
  type HiddenWhy,
  hiddenText,
  openUntilText,
  reasonOf,
  weeksBeforeStart,
} from '../../lib/hidden.ts';
import { weekNumberOf } from '../../lib/week.ts';
import { heatClass, legendOf, metricOrder, metricScales } from './heatmapScale.ts';

const ROW_HEIGHT = 30;

type SortKey = 'name' | 'latest-desc' | 'latest-asc' | 'change-desc' | 'change-asc';
const sortOptions: { value: SortKey; label: string }[] = [
  { value: 'name', label: 'Team name (A–Z)' },
  { value: 'latest-desc', label: 'Latest value, highest first' },
  { value: 'latest-asc', label: 'Latest value, lowest first' },
  { value: 'change-desc', label: 'Change, biggest rise first' },
  { value: 'change-asc', label: 'Change, biggest fall first' },
];

interface TeamRow {
  teamId: string;
  name: string;
  search: string;
  cells: HeatmapCell[];
  /** How many of the first cells are weeks before the team had members (shown neutrally). */
  before: number;
  /** The last shown value of the range, and the last minus the first shown value. */
  latest: number | null;
  change: number | null;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function rowsOf(heatmap: Heatmap): TeamRow[] {
  return heatmap.teams.map((team) => {
    let first: number | null = null;
    let latest: number | null = null;
    for (const cell of team.cells) {
      if (cell.value === null) continue;
      if (first === null) first = cell.value;
      latest = cell.value;
    }
    return {
      teamId: team.teamId,
      name: team.name,
      search: team.name.toLocaleLowerCase(),
      cells: team.cells,
      before: weeksBeforeStart(team.cells),
      latest,
      change: first !== null && latest !== null ? latest - first : null,
    };
  });
}

function sortRows(rows: TeamRow[], key: SortKey): TeamRow[] {
  const byName = (a: TeamRow, b: TeamRow) => collator.compare(a.name, b.name);
  if (key === 'name') return [...rows].sort(byName);
  const pick = key.startsWith('latest') ? (r: TeamRow) => r.latest : (r: TeamRow) => r.change;
  const direction = key.endsWith('desc') ? -1 : 1;
  // Teams without a value go last whichever way the sort runs.
  return [...rows].sort((a, b) => {
    const x = pick(a);
    const y = pick(b);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return (x - y) * direction || byName(a, b);
  });
}

interface CellText {
  metric: HeatmapMetric;
  k: number;
}

/** The colour of each kind of cell without a value, and the legend's words for it. */
const HIDDEN_CLASS: Record<Exclude<HiddenWhy, 'open'>, string> = {
  fewer_than_k: 'heat heat-suppressed',
  protecting: 'heat heat-protecting',
  no_data: 'heat heat-empty',
};

function valueText(cell: HeatmapCell, { metric, k }: CellText, beforeStart: boolean): string {
  if (cell.value !== null) return metricScales[metric].format(cell.value);
  if (beforeStart) return BEFORE_START_TEXT;
  const reason = reasonOf(cell);
  return reason ? hiddenText(reason, k) : 'no value';
}

function cellClass(cell: HeatmapCell, metric: HeatmapMetric, beforeStart: boolean): string {
  if (cell.value !== null) return `heat heat-${heatClass(cell.value, metricScales[metric])}`;
  if (beforeStart) return 'heat heat-before';
  const reason = reasonOf(cell);
  return reason ? HIDDEN_CLASS[reason] : 'heat heat-empty';
}

/**
 * The heatmap without the weeks at its start in which no team had members yet (a period reaching
 * back before the organisation began): those columns would say nothing.
 */
function fromFirstMembers(heatmap: Heatmap): Heatmap {
  let start = heatmap.weeks.length;
  for (const team of heatmap.teams) start = Math.min(start, weeksBeforeStart(team.cells));
  if (heatmap.teams.length === 0 || start === 0) return heatmap;
  return {
    ...heatmap,
    weeks: heatmap.weeks.slice(start),
    teams: heatmap.teams.map((team) => ({ ...team, cells: team.cells.slice(start) })),
  };
}

interface HeatmapRowProps {
  row: TeamRow;
  index: number;
  start: number;
  /** The column of this row's keyboard stop, or −1 when the stop is in another row. */
  activeColumn: number;
  text: CellText;
}

/** One team's row; memoised, so scrolling renders only rows that come into view. */
const HeatmapRow = memo(function HeatmapRow({
  row,
  index,
  start,
  activeColumn,
  text,
}: HeatmapRowProps) {
  const scale = metricScales[text.metric];
  return (
    <tr
      aria-rowindex={index + 2}
      className="heatmap-row"
      style={{ transform: `translateY(${start}px)` }}
    >
      <th scope="row" className="heatmap-name" title={row.name}>
        {row.name}
      </th>
      {row.cells.map((cell, column) => {
        const beforeStart = column < row.before;
        const label = `${row.name}, ${cell.week}: ${valueText(cell, text, beforeStart)}`;
        return (
          <td className="heatmap-cell" key={cell.week}>
            {/* biome-ignore lint/a11y/useAnchorContent: named by aria-label; a colour swatch has no text to show */}
            <a
              href={`/teams/${row.teamId}`}
              className={cellClass(cell, text.metric, beforeStart)}
              tabIndex={column === activeColumn ? 0 : -1}
              aria-label={label}
            />
          </td>
        );
      })}
      <td className="heatmap-figure">{row.latest === null ? '—' : scale.format(row.latest)}</td>
      <td className="heatmap-figure">
        {row.change === null
          ? '—'
          : text.metric === 'participation'
            ? formatChange(row.change * 100)
            : formatChange(row.change)}
      </td>
    </tr>
  );
});

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  PageUp: [-10, 0],
  PageDown: [10, 0],
};

/**
 * The teams × weeks grid. Only the rows in view are in the DOM; the cells are plain links in a
 * CSS grid (no SVG), and one of them is a keyboard stop: arrow keys, Page Up/Down, Home and End
 * move it, Enter opens that team's page.
 */
function HeatmapGrid({
  heatmap,
  rows,
  label,
  summaryId,
}: {
  heatmap: Heatmap;
  rows: TeamRow[];
  label: string;
  summaryId: string;
}) {
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const weeks = heatmap.weeks;
  const [active, setActive] = useState({ row: 0, column: weeks.length - 1 });
  const activeRow = Math.max(0, Math.min(active.row, rows.length - 1));
  const activeColumn = Math.max(0, Math.min(active.column, weeks.length - 1));
  const focusPending = useRef(false);
  const text = useMemo(() => ({ metric: heatmap.metric, k: heatmap.k }), [heatmap]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
  });

  useEffect(() => {
    if (!focusPending.current) return;
    let frames = 0;
    const focus = () => {
      const cell = scrollRef.current?.querySelector<HTMLElement>(
        `tr[aria-rowindex="${activeRow + 2}"] > td:nth-child(${activeColumn + 2}) > a`,
      );
      if (cell) {
        focusPending.current = false;
        cell.focus();
      } else if (frames++ < 10) requestAnimationFrame(focus);
    };
    focus();
  }, [activeRow, activeColumn]);

  const cellOf = (target: EventTarget) =>
    target instanceof Element ? target.closest<HTMLAnchorElement>('td.heatmap-cell > a') : null;

  // Row from the row's aria-rowindex (1 is the header), column from the cell's place in its row.
  const positionOf = (link: HTMLElement): [number, number] => {
    const cell = link.parentElement!;
    const row = cell.parentElement!;
    return [
      Number(row.getAttribute('aria-rowindex')) - 2,
      Array.prototype.indexOf.call(row.children, cell) - 1,
    ];
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    const [row, column] = positionOf(cell);
    let next = { row, column };
    const move = MOVES[event.key];
    if (move) next = { row: row + move[0], column: column + move[1] };
    else if (event.key === 'Home') next = { row: event.ctrlKey ? 0 : row, column: 0 };
    else if (event.key === 'End') {
      next = { row: event.ctrlKey ? rows.length - 1 : row, column: weeks.length - 1 };
    } else return;
    event.preventDefault();
    next = {
      row: Math.max(0, Math.min(next.row, rows.length - 1)),
      column: Math.max(0, Math.min(next.column, weeks.length - 1)),
    };
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next.row, { align: 'auto' });
  };

  // The pointed-at or focused cell, spelled out above the grid (cheaper than a title per cell).
  const readoutRef = useRef<HTMLParagraphElement>(null);
  const showReadout = (target: EventTarget) => {
    const cell = cellOf(target);
    if (cell && readoutRef.current) {
      readoutRef.current.textContent = cell.getAttribute('aria-label');
    }
  };

  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    showReadout(cell);
    const [row, column] = positionOf(cell);
    if (row !== activeRow || column !== activeColumn) setActive({ row, column });
  };

  const onClick = (event: MouseEvent<HTMLTableElement>) => {
    const cell = cellOf(event.target);
    if (!cell || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (event.altKey) return;
    event.preventDefault();
    navigate(cell.getAttribute('href') ?? '/');
  };

  const style = { '--weeks': weeks.length } as CSSProperties;
  const items = virtualizer.getVirtualItems();
  // The keyboard stop must be in the DOM: when its row has scrolled away, the first row in view
  // holds it, so Tab still enters the grid.
  const stopRow = items.some((item) => item.index === activeRow)
    ? activeRow
    : (items[0]?.index ?? 0);

  return (
    <>
      <p className="heatmap-readout" ref={readoutRef} aria-hidden="true">
        Point at or focus a cell to read its value.
      </p>
      <div className="heatmap-scroll" ref={scrollRef}>
        <table
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a virtualised grid of links with one roving keyboard stop, as the ARIA grid pattern describes
          role="grid"
          aria-label={label}
          aria-describedby={summaryId}
          aria-rowcount={rows.length + 1}
          aria-colcount={weeks.length + 3}
          className="heatmap"
          style={style}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onClick={onClick}
          onPointerOver={(event) => showReadout(event.target)}
        >
          <thead className="heatmap-head">
            <tr aria-rowindex={1} className="heatmap-row heatmap-head-row">
              <th scope="col" className="heatmap-name">
                Team
              </th>
              {weeks.map((week) => (
                <th scope="col" className="heatmap-week" key={week}>
                  <span aria-hidden="true">{weekNumberOf(week)}</span>
                  <span className="visually-hidden">
                    {formatWeekParts(week).label}, {formatWeekParts(week).monday}
                  </span>
                </th>
              ))}
              <th scope="col" className="heatmap-figure">
                Latest
              </th>
              <th scope="col" className="heatmap-figure">
                Change
              </th>
            </tr>
          </thead>
          <tbody className="heatmap-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <HeatmapRow
                  key={row.teamId}
                  row={row}
                  index={item.index}
                  start={item.start}
                  activeColumn={item.index === stopRow ? activeColumn : -1}
                  text={text}
                />
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Legend({
  metric,
  k,
  anyBeforeStart,
}: {
  metric: HeatmapMetric;
  k: number;
  anyBeforeStart: boolean;
}) {
  const labels = legendOf(metricScales[metric]);
  return (
    <ul className="heatmap-legend" aria-label={`Colour scale, ${metricScales[metric].label}`}>
      {labels.map((label, i) => (
        <li key={label}>
          <span className={`heat heat-${i}`} aria-hidden="true" />
          {label}
        </li>
      ))}
      {(Object.keys(HIDDEN_CLASS) as (keyof typeof HIDDEN_CLASS)[]).map((reason) => (
        <li key={reason}>
          <span className={HIDDEN_CLASS[reason]} aria-hidden="true" />
          {hiddenText(reason, k)}
        </li>
      ))}
      {anyBeforeStart ? (
        <li>
          <span className="heat heat-before" aria-hidden="true" />
          {BEFORE_START_TEXT}
        </li>
      ) : null}
    </ul>
  );
}

/** "12 cells are hidden: 9 with fewer than 5 answers, 3 to protect a smaller team." */
function hiddenSentence(rows: TeamRow[], k: number): string {
  const counts = { fewer_than_k: 0, protecting: 0, no_data: 0 };
  for (const row of rows) {
    row.cells.forEach((cell, column) => {
      const reason = column < row.before ? null : reasonOf(cell);
      if (reason) counts[reason]++;
    });
  }
  const hidden = counts.fewer_than_k + counts.protecting;
  const parts = [
    counts.fewer_than_k > 0
      ? `${formatCount(counts.fewer_than_k)} with ${hiddenText('fewer_than_k', k)}`
      : '',
    counts.protecting > 0 ? `${formatCount(counts.protecting)} ${hiddenText('protecting', k)}` : '',
  ].filter(Boolean);
  const head =
    hidden === 0
      ? 'No cell is hidden.'
      : `${formatCount(hidden)} ${hidden === 1 ? 'cell is' : 'cells are'} hidden: ${parts.join(', ')}.`;
  return counts.no_data > 0
    ? `${head} ${formatCount(counts.no_data)} ${counts.no_data === 1 ? 'cell has' : 'cells have'} ${hiddenText('no_data', k)}.`
    : head;
}

function Summary({ heatmap, rows, id }: { heatmap: Heatmap; rows: TeamRow[]; id: string }) {
  const scale = metricScales[heatmap.metric];
  const ranked = rows.filter((r) => r.latest !== null).sort((a, b) => b.latest! - a.latest!);
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  const weeks = heatmap.weeks;
  return (
    <p id={id} className="heatmap-summary">
      {formatCount(rows.length)} {rows.length === 1 ? 'team' : 'teams'} ×{' '}
      {formatCount(weeks.length)} closed {weeks.length === 1 ? 'week' : 'weeks'} (
      {formatWeekSpan(weeks[0]!, weeks[weeks.length - 1]!)}), {scale.label}.{' '}
      {hiddenSentence(rows, heatmap.k)}
      {top && bottom && top !== bottom
        ? ` Highest latest value: ${top.name} (${scale.format(top.latest!)}); lowest: ${bottom.name} (${scale.format(bottom.latest!)}).`
        : ''}
    </p>
  );
}

export function HeatmapSection({
  range,
  metric,
  onMetricChange,
}: {
  range: WeekRange;
  metric: HeatmapMetric;
  onMetricChange: (metric: HeatmapMetric) => void;
}) {
  const session = useSession();
  const heatmap = useQuery(orgHeatmap(range, metric));
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const summaryId = useId();
  const deferredFilter = useDeferredValue(filter.trim().toLocaleLowerCase());
  const shownMap = useMemo(
    () => (heatmap.data ? fromFirstMembers(heatmap.data) : undefined),
    [heatmap.data],
  );
  const all = useMemo(() => (shownMap ? rowsOf(shownMap) : []), [shownMap]);
  const sorted = useMemo(() => sortRows(all, sort), [all, sort]);
  const shown = useMemo(
    () => (deferredFilter ? sorted.filter((r) => r.search.includes(deferredFilter)) : sorted),
    [sorted, deferredFilter],
  );

  return (
    <>
      <div className="heatmap-controls">
        <Field label="Metric">
          {(control) => (
            <select
              {...control}
              value={metric}
              onChange={(e) => onMetricChange(e.target.value as HeatmapMetric)}
            >
              {metricOrder.map((m) => (
                <option key={m} value={m}>
                  {metricScales[m].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Sort by">
          {(control) => (
            <select {...control} value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
              {sortOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Filter teams by name">
          {(control) => (
            <input
              {...control}
              type="search"
              autoComplete="off"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          )}
        </Field>
      </div>
      {heatmap.isPending ? (
        <Loading label="Loading the heatmap…" />
      ) : heatmap.isError ? (
        <ErrorState error={heatmap.error} onRetry={() => heatmap.refetch()} />
      ) : !shownMap ? null : all.length === 0 ? (
        <EmptyState>
          <p>No teams yet. Create teams under Admin, and their weeks appear here.</p>
        </EmptyState>
      ) : shownMap.weeks.length === 0 ? (
        <EmptyState>
          <p>
            No closed week of this period had members yet. {formatWeek(shownMap.current.week)} is{' '}
            {openUntilText(shownMap.current, session.org.timezone)}.
          </p>
        </EmptyState>
      ) : (
        <div aria-busy={heatmap.isPlaceholderData}>
          <Summary heatmap={shownMap} rows={all} id={summaryId} />
          <Legend
            metric={shownMap.metric}
            k={shownMap.k}
            anyBeforeStart={all.some((row) => row.before > 0)}
          />
          <p className="hint">
            Closed weeks only. {formatWeek(shownMap.current.week)} is{' '}
            {openUntilText(shownMap.current, session.org.timezone)}; nothing of it is shown until it
            closes.
          </p>
          {shown.length === 0 ? (
            <EmptyState>
              <p>No team name contains “{filter.trim()}”.</p>
            </EmptyState>
          ) : (
            <>
              <p className="hint" aria-live="polite">
                {deferredFilter
                  ? `${formatCount(shown.length)} of ${formatCount(all.length)} teams shown.`
                  : ''}
              </p>
              <HeatmapGrid
                heatmap={shownMap}
                rows={shown}
                label={`${metricScales[heatmap.data.metric].label} by team and week`}
                summaryId={summaryId}
              />
              <p className="hint">
                Each cell opens that team's page. In the grid, arrow keys move between weeks and
                teams.
              </p>
            </>
          )}
        </div>
      )}
    </>
  );
}
