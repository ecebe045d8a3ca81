// Types only, so pages can describe chart data without loading recharts.

/**
 * How a week without a value is drawn: `hidden` a suppressed figure (a shaded, labelled gap),
 * `open` the week in progress (a marker and nothing else), `empty` a week without members or
 * still to come (nothing drawn; its note in the tooltip and the table).
 */
export type WeekGap = 'hidden' | 'open' | 'empty';

/** One week's value on a chart; without one, its `note` says why — never drawn as zero. */
export interface WeekPoint {
  week: string;
  value: number | null;
  /** Why there is no value, in words (lib/hidden.ts): "fewer than 5 answers", "open until …". */
  note?: string;
  gap?: WeekGap;
}

/** A run of weeks to shade behind a series, e.g. an experiment's weeks (from and to inclusive). */
export interface WeekBand {
  from: string;
  to: string;
  label: string;
}

/** A whole number per week, aligned with the chart's weeks (e.g. experiments running). */
export interface WeekCounts {
  name: string;
  values: number[];
}
