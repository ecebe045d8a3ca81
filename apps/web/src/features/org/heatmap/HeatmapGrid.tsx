import type { Heatmap } from '@leeway/contracts';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, memo, useLayoutEffect, useMemo, useRef } from 'react';
import { formatChange, formatWeekParts } from '../../../lib/format.ts';
import { weekNumberOf } from '../../../lib/week.ts';
import { type CellText, cellClassOf, cellStateOf, cellValueText } from './heatmapCells.ts';
import type { TeamRow } from './heatmapRows.ts';
import { metricScales } from './heatmapScale.ts';
import { READOUT_PROMPT, useGridNavigation } from './useGridNavigation.ts';

const ROW_HEIGHT = 30;

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
        <span className="heatmap-name-text">{row.name}</span>
      </th>
      {row.cells.map((cell, column) => {
        const state = cellStateOf(row, column);
        const label = `${row.name}, ${cell.week}: ${cellValueText(state, text)}`;
        return (
          <td className="heatmap-cell" key={cell.week}>
            {/* biome-ignore lint/a11y/useAnchorContent: named by aria-label; a colour swatch has no text to show */}
            <a
              href={`/teams/${row.teamId}`}
              className={cellClassOf(state, text.metric)}
              tabIndex={column === activeColumn ? 0 : -1}
              aria-label={label}
            />
          </td>
        );
      })}
      <td className="heatmap-figure heatmap-latest">
        {row.latest === null ? '—' : scale.format(row.latest)}
      </td>
      <td className="heatmap-figure heatmap-change">
        {row.change === null
          ? '—'
          : text.metric === 'participation'
            ? formatChange(row.change * 100)
            : formatChange(row.change)}
      </td>
    </tr>
  );
});

/**
 * The teams × weeks grid. Only the rows in view are in the DOM; the cells are plain links in a
 * CSS grid (no SVG), and one of them is a keyboard stop: arrow keys, Page Up/Down, Home and End
 * move it, Enter opens that team's page.
 */
export function HeatmapGrid({
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const weeks = heatmap.weeks;
  const text = useMemo(() => ({ metric: heatmap.metric, k: heatmap.k }), [heatmap]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
  });
  const { activeRow, activeColumn, readoutRef, tableProps } = useGridNavigation({
    rowCount: rows.length,
    columnCount: weeks.length,
    scrollRef,
    virtualizer,
    data: heatmap,
  });

  // Opens on the latest weeks (and the Latest and Change columns), not the oldest.
  // biome-ignore lint/correctness/useExhaustiveDependencies: again when the weeks shown change
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (scroller) scroller.scrollLeft = scroller.scrollWidth;
  }, [weeks.length, weeks[0]]);

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
        {READOUT_PROMPT}
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
          {...tableProps}
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
              <th scope="col" className="heatmap-figure heatmap-latest">
                Latest
              </th>
              <th scope="col" className="heatmap-figure heatmap-change">
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
