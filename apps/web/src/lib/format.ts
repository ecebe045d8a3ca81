import { addWeeks, mondayOf, sundayOf, weekNumberOf } from './week.ts';

// `undefined` locale: numbers and dates follow the browser's language settings.
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const signed = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 0,
  signDisplay: 'exceptZero',
});
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const shortDate = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const longDate = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * A number as people read it: rounded first, so a value that rounds to zero never reads "-0.0",
 * and a minus is the true minus sign (U+2212), one character wide like the plus.
 */
function tidy(format: Intl.NumberFormat, value: number, digits: number): string {
  const scale = 10 ** digits;
  const rounded = Math.round(value * scale) / scale;
  return format.format(rounded === 0 ? 0 : rounded).replace(/-/g, '\u2212');
}

export const formatScore = (value: number) => tidy(oneDecimal, value, 1);
export const formatCount = (value: number) => wholeNumber.format(value);
export const formatEnps = (value: number) => tidy(signed, value, 0);
export const formatPercent = (fraction: number) => percent.format(fraction);
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

/** A pulse's `closesAt` is the exclusive end (Monday 00:00); people expect "until Sunday 23:59". */
export const formatClosing = (closesAt: string) =>
  dateTime.format(new Date(Date.parse(closesAt) - 60_000));

/** "Week 10 · 2 Mar 2026" — ISO weeks mean little to most people, so the Monday comes along. */
export const formatWeek = (week: string) =>
  `Week ${weekNumberOf(week)} · ${longDate.format(mondayOf(week))}`;

/** The two halves of `formatWeek`, for table cells: "Week 10" and "2 Mar 2026". */
export const formatWeekParts = (week: string) => ({
  label: `Week ${weekNumberOf(week)}`,
  monday: longDate.format(mondayOf(week)),
});

/** Compact axis label: the Monday of the week, "2 Mar". */
export const formatWeekShort = (week: string) => shortDate.format(mondayOf(week));

const signedOneDecimal = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const fixedOneDecimal = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const pValue = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 2 });

/** A change in points with its sign: "+6.2", "−1.1". */
export const formatChange = (value: number) => tidy(signedOneDecimal, value, 1);
/** A size in points without sign, always one decimal: "6.2". */
export const formatPoints = (value: number) => tidy(fixedOneDecimal, value, 1);
/** A 95 % interval: "1.1 to 11.3", "−0.4 to 24.5" (never "-0.0"). */
export const formatInterval = ([lo, hi]: readonly [number, number]) =>
  `${tidy(fixedOneDecimal, lo, 1)} to ${tidy(fixedOneDecimal, hi, 1)}`;
/** A p-value as people read it: "p = 0.03", "p < 0.001". */
export const formatP = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${pValue.format(p)}`);

/** "Week 47" or "Weeks 47–48", with the dates they span: "16–29 Nov 2026". */
export function formatWeekSpan(from: string, to: string): string {
  const first = weekNumberOf(from);
  const last = weekNumberOf(to);
  const [fromYear, toYear] = [from.slice(0, 4), to.slice(0, 4)];
  const label =
    from === to
      ? `Week ${first}`
      : fromYear === toYear
        ? `Weeks ${first}–${last}`
        : `Week ${first} of ${fromYear} to week ${last} of ${toYear}`;
  return `${label} · ${longDate.formatRange(mondayOf(from), sundayOf(to))}`;
}

/**
 * Weeks that may have gaps (an impact window without its hidden weeks): a run reads like
 * `formatWeekSpan`, otherwise each week is named, "Weeks 39, 41 and 42 · 2026".
 */
export function formatWeekList(weeks: readonly string[]): string {
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (first === undefined || last === undefined) return 'no weeks';
  if (weeks.every((week, i) => i === 0 || addWeeks(weeks[i - 1]!, 1) === week)) {
    return formatWeekSpan(first, last);
  }
  const numbers = weeks.map((week) => String(weekNumberOf(week)));
  const years = [...new Set(weeks.map((week) => week.slice(0, 4)))];
  return `Weeks ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)} · ${years.join('–')}`;
}

const plural = (count: number, one: string, many: string) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

/** "13 answers from 9 people": a pooled window counts answers and the distinct people behind them. */
export const formatAnswersFromPeople = (answers: number, people: number) =>
  `${plural(answers, 'answer', 'answers')} from ${plural(people, 'person', 'people')}`;
