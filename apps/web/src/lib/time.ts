/** Formats made once per (shape, zone): building an Intl.DateTimeFormat is slow. */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A format in the organisation's time zone, or in UTC when the browser does not know the zone;
 * with the zone it actually used, so the text can name it.
 */
function formatIn(
  shape: 'moment' | 'closing',
  timeZone: string,
): { format: Intl.DateTimeFormat; zone: string } {
  for (const zone of [timeZone, 'UTC']) {
    const key = `${shape}|${zone}`;
    let format = formats.get(key);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat(undefined, {
          timeZone: zone,
          ...(shape === 'moment'
            ? { day: 'numeric', month: 'short', year: 'numeric' }
            : { weekday: 'long', day: 'numeric', month: 'short' }),
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        });
      } catch {
        continue;
      }
      formats.set(key, format);
    }
    return { format, zone };
  }
  throw new Error('UTC is always a valid time zone');
}

/**
 * "30 Nov 2026, 09:14 (Europe/Berlin)": a moment in the organisation's time zone, named, so
 * someone reading from another zone is never off by hours without knowing it.
 */
export function formatMomentIn(iso: string, timeZone: string): string {
  const { format, zone } = formatIn('moment', timeZone);
  return `${format.format(new Date(iso))} (${zone})`;
}

/**
 * "Sunday 6 Dec, 23:59 (Europe/Berlin)": when a pulse closes, in the organisation's zone, named.
 * `closesAt` is the exclusive end (Monday 00:00), so the last minute is shown, as people expect.
 */
export function formatClosingIn(closesAt: string, timeZone: string): string {
  const { format, zone } = formatIn('closing', timeZone);
  return `${format.format(new Date(Date.parse(closesAt) - 60_000))} (${zone})`;
}
