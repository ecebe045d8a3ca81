// Types only, so pages can describe chart data without loading recharts.

/** One week's value on a chart; `null` with `suppressed` is drawn as a labelled gap, never as zero. */
export interface WeekPoint {
  week: string;
  value: number | null;
  suppressed: boolean;
  /** A week still to come (shown only to place a planned experiment). */
  upcoming?: boolean;
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
