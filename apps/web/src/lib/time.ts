const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): { format: Intl.DateTimeFormat; zone: string } {
  for (const zone of [timeZone, 'UTC']) {
    let format = formats.get(zone);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat(undefined, {
          timeZone: zone,
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        });
      } catch {
        continue;
      }
      formats.set(zone, format);
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
  const { format, zone } = formatIn(timeZone);
  return `${format.format(new Date(iso))} (${zone})`;
}

/**
 * "Sunday 6 Dec, 23:59 (Europe/Berlin)": when a pulse closes, in the organisation's zone, named.
 * `closesAt` is the exclusive end (Monday 00:00), so the last minute is shown, as people expect.
 */
export function formatClosingIn(closesAt: string, timeZone: string): string {
  const { format, zone } = closingIn(timeZone);
  return `${format.format(new Date(Date.parse(closesAt) - 60_000))} (${zone})`;
}

const closingFormats = new Map<string, Intl.DateTimeFormat>();

function closingIn(timeZone: string): { format: Intl.DateTimeFormat; zone: string } {
  for (const zone of [timeZone, 'UTC']) {
    let format = closingFormats.get(zone);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat(undefined, {
          timeZone: zone,
          weekday: 'long',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        });
      } catch {
        continue;
      }
      closingFormats.set(zone, format);
    }
    return { format, zone };
  }
  throw new Error('UTC is always a valid time zone');
}
