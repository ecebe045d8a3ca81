import type { Virtualizer } from '@tanstack/react-virtual';
import {
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type RefObject,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useNavigate } from 'react-router';

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  PageUp: [-10, 0],
  PageDown: [10, 0],
};

/** What the readout says before a cell has been pointed at, focused or tapped. */
export const READOUT_PROMPT = 'Point at, focus or tap a cell to read its value.';

const clamp = (value: number, last: number) => Math.max(0, Math.min(value, last));

const cellOf = (target: EventTarget) =>
  target instanceof Element ? target.closest<HTMLAnchorElement>('td.heatmap-cell > a') : null;

// Row from the row's aria-rowindex (1 is the header), column from the cell's place in its row.
function positionOf(link: HTMLElement): [number, number] {
  const cell = link.parentElement!;
  const row = cell.parentElement!;
  return [
    Number(row.getAttribute('aria-rowindex')) - 2,
    Array.prototype.indexOf.call(row.children, cell) - 1,
  ];
}

/**
 * The heatmap grid's one roving keyboard stop: arrow keys, Page Up/Down, Home and End move it
 * (scrolling its row into view), focus and pointer spell the cell out in the readout, and a plain
 * click opens the team's page inside the app.
 */
export function useGridNavigation({
  rowCount,
  columnCount,
  scrollRef,
  virtualizer,
  data,
}: {
  rowCount: number;
  columnCount: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** The heatmap shown: when it changes (another metric), the readout reads the new value. */
  data: unknown;
}) {
  const navigate = useNavigate();
  const [active, setActive] = useState({ row: 0, column: columnCount - 1 });
  const activeRow = clamp(active.row, rowCount - 1);
  const activeColumn = clamp(active.column, columnCount - 1);
  const focusPending = useRef(false);
  const readoutRef = useRef<HTMLParagraphElement>(null);
  /** The cell the readout spells out, by position, so a new metric can be read at the same place. */
  const readCell = useRef<[number, number] | null>(null);
  /** The cell a touch selected: a first tap reads a cell, a second tap on it opens the team. */
  const tapped = useRef<string | null>(null);
  /** The touch whose click is coming: the cell it opens, and whether it was selected already. */
  const touched = useRef<{ href: string; again: boolean } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the data shown changes
  useEffect(() => {
    const readout = readoutRef.current;
    if (!readout) return;
    const at = readCell.current;
    const cell = at
      ? scrollRef.current?.querySelector<HTMLElement>(
          `tr[aria-rowindex="${at[0] + 2}"] > td:nth-child(${at[1] + 2}) > a`,
        )
      : null;
    readout.textContent = cell?.getAttribute('aria-label') ?? READOUT_PROMPT;
  }, [data]);

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
  }, [activeRow, activeColumn, scrollRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    touched.current = null;
    const cell = cellOf(event.target);
    if (!cell) return;
    const [row, column] = positionOf(cell);
    let next = { row, column };
    const move = MOVES[event.key];
    if (move) next = { row: row + move[0], column: column + move[1] };
    else if (event.key === 'Home') next = { row: event.ctrlKey ? 0 : row, column: 0 };
    else if (event.key === 'End') {
      next = { row: event.ctrlKey ? rowCount - 1 : row, column: columnCount - 1 };
    } else return;
    event.preventDefault();
    next = { row: clamp(next.row, rowCount - 1), column: clamp(next.column, columnCount - 1) };
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next.row, { align: 'auto' });
  };

  // The pointed-at or focused cell, spelled out above the grid (cheaper than a title per cell).
  const showReadout = (target: EventTarget) => {
    const cell = cellOf(target);
    if (cell && readoutRef.current) {
      readoutRef.current.textContent = cell.getAttribute('aria-label');
      readCell.current = positionOf(cell);
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
    // A finger cannot point without tapping: the first tap on a cell reads it, the second opens
    // it. Decided at the touch itself, since the click may land beside a cell that moved.
    const touch = touched.current;
    touched.current = null;
    if (touch) {
      event.preventDefault();
      if (touch.again) navigate(touch.href);
      return;
    }
    const cell = cellOf(event.target);
    if (!cell || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (event.altKey) return;
    event.preventDefault();
    navigate(cell.getAttribute('href') ?? '/');
  };

  const onPointerDown = (event: PointerEvent<HTMLTableElement>) => {
    touched.current = null;
    if (event.pointerType === 'mouse') return;
    const cell = cellOf(event.target);
    if (!cell) return;
    const at = positionOf(cell).join(',');
    touched.current = { href: cell.getAttribute('href') ?? '/', again: tapped.current === at };
    tapped.current = at;
    showReadout(cell);
  };

  return {
    activeRow,
    activeColumn,
    readoutRef,
    tableProps: {
      onKeyDown,
      onFocus,
      onClick,
      onPointerDown,
      onPointerOver: (event: PointerEvent<HTMLTableElement>) => {
        if (event.pointerType === 'mouse') showReadout(event.target);
      },
    },
  };
}
