/**
 * The seed's fixed "today". Register data is full of ages (verified 90 days ago, deadline passed,
 * case reported last week); measuring them from the real clock would make every run differ, so all of
 * them count back from one reference moment instead. Everything is in China time (UTC+8, no DST).
 *
 * Formatting is done by hand and cached per day: the bench scale formats several million dates, and
 * Date#toISOString for each was a good part of the generation time.
 */

export const REFERENCE_DATE = '2026-06-30';
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** China is UTC+8 all year; offsets applied by hand keep the output independent of the machine's zone. */
const CHINA_OFFSET_MS = 8 * HOUR_MS;

export interface Clock {
  /** 'YYYY-MM-DD' of today. */
  today: string;
  /** Midnight starting today, China time, as epoch ms. */
  todayStartMs: number;
  /** "Now" for the seed: 18:00 today China time. Nothing generated is later than this. */
  nowMs: number;
}

export function makeClock(today: string = REFERENCE_DATE): Clock {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`reference date must be YYYY-MM-DD, got "${today}"`);
  const todayStartMs = Date.parse(`${today}T00:00:00+08:00`);
  if (Number.isNaN(todayStartMs)) throw new Error(`reference date "${today}" is not a date`);
  return { today, todayStartMs, nowMs: todayStartMs + 18 * HOUR_MS };
}

/** Indexed by day number (small integers), which is much faster than a Map keyed by floats. */
const dayCache: string[] = [];
/** 'YYYY-MM-DD' of the UTC day `day` days after 1970-01-01. */
function utcDay(day: number): string {
  const text = day >= 0 ? dayCache[day] : undefined;
  if (text !== undefined) return text;
  const made = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (day >= 0) dayCache[day] = made;
  return made;
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** China calendar date of an epoch-ms instant, 'YYYY-MM-DD'. */
export function chinaDate(ms: number): string {
  return utcDay(Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS));
}

/** The date `days` days before today (negative: after). */
export function dateDaysAgo(clock: Clock, days: number): string {
  return chinaDate(clock.todayStartMs - Math.round(days) * DAY_MS);
}

/** ISO-8601 instant to the second, in the UTC 'Z' form the API returns: 2026-06-30T10:00:00.000Z. */
export function isoInstant(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  const s = seconds - day * 86_400;
  return `${utcDay(day)}T${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.000Z`;
}

/** Hour of day (0–23) and weekday (0 = Sunday) of an instant, in China time. */
export function chinaHour(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / HOUR_MS) % 24;
}
export function chinaWeekday(ms: number): number {
  // 1970-01-01 was a Thursday.
  return (Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) + 4) % 7;
}

/** Days between a 'YYYY-MM-DD' date and today (positive when in the past). */
export function daysBefore(clock: Clock, date: string): number {
  return Math.round((clock.todayStartMs - Date.parse(`${date}T00:00:00+08:00`)) / DAY_MS);
}
