/**
 * The OGC API – Features `datetime` parameter: an RFC 3339 date-time, or an interval `start/end` where
 * either end may be open (`..` or empty). Pure: no I/O.
 *
 * A date-time stands for the span of its stated precision: `2024-05-01T10:00:00Z` is that whole second,
 * `2024-05-01T10:00:00.123Z` that millisecond. So an instant selects what happened within it (records
 * are timestamped to the microsecond, the API shows milliseconds: the `updated_at` a client reads back
 * matches its own record), and a closed interval runs from the start of its start to the end of its end.
 * Bounds come back as inclusive UTC timestamps with six fractional digits, ready for SQL.
 */
export interface DatetimeRange {
  /** Inclusive lower bound, or null when open. */
  from: string | null;
  /** Inclusive upper bound, or null when open. */
  to: string | null;
}

export type DatetimeResult = DatetimeRange | { error: string };

export const isDatetimeError = (result: DatetimeResult): result is { error: string } => 'error' in result;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** A date-time as the microseconds (since 1970, UTC) of the first and last microsecond it covers. */
export function parseInstant(raw: string): { first: number; last: number } | null {
  const match = DATE_TIME.exec(raw);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = match[7] ?? '';
  const zone = match[8]!;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 23 || zoneMinutes > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const micros = (date.getTime() - offsetMinutes * 60_000) * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
  // The span of the stated precision; beyond microseconds the database cannot tell instants apart.
  const unit = 10 ** Math.max(0, 6 - fraction.length);
  return { first: micros, last: micros + unit - 1 };
}

/** Microseconds since 1970 → `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function formatMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const rest = micros - millis * 1000;
  return new Date(millis).toISOString().replace(/Z$/, `${String(rest).padStart(3, '0')}Z`);
}

/** `datetime` → inclusive bounds, or the reason it is malformed. */
export function parseDatetime(raw: string): DatetimeResult {
  const value = raw.trim();
  const expected = 'must be an RFC 3339 date-time (2024-05-01T08:00:00Z) or an interval start/end, either end open as ..';
  if (value === '') return { error: expected };
  const parts = value.split('/');
  if (parts.length === 1) {
    const instant = parseInstant(value);
    return instant ? { from: formatMicros(instant.first), to: formatMicros(instant.last) } : { error: `${expected}, got "${raw}"` };
  }
  if (parts.length !== 2) return { error: `${expected}, got "${raw}"` };
  const [startRaw, endRaw] = parts as [string, string];
  const open = (part: string) => part === '..' || part === '';
  const start = open(startRaw) ? null : parseInstant(startRaw);
  const end = open(endRaw) ? null : parseInstant(endRaw);
  const bound = 'must be an RFC 3339 date-time, or .. for an open end';
  if (!open(startRaw) && !start) return { error: `the interval start ${bound}, got "${startRaw}"` };
  if (!open(endRaw) && !end) return { error: `the interval end ${bound}, got "${endRaw}"` };
  if (start && end && start.first > end.last) return { error: `the interval start "${startRaw}" is after its end "${endRaw}"` };
  return { from: start ? formatMicros(start.first) : null, to: end ? formatMicros(end.last) : null };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
