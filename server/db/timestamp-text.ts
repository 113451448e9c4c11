import pg from 'pg';

const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (value: string) => Date;

/**
 * PostgreSQL's text of a timestamptz → ISO-8601 UTC with milliseconds, as the API shows timestamps.
 * A session in UTC (ours: both engines run in UTC) sends `2024-05-01 12:34:56.123456+00`; that is
 * rewritten as a string, truncated to milliseconds as a Date would be. Anything else (another zone,
 * BC, years past 9999, infinity) goes through pg's own parser. Why not always the parser: a page of
 * 100 records carries hundreds of timestamps, and building a Date for each was a tenth of its CPU.
 */
export function timestamptzToIso(value: string): string {
  const length = value.length;
  if (length >= 22 && value.charCodeAt(10) === 32 && value.charCodeAt(4) === 45 && value.endsWith('+00')) {
    if (length === 22) return `${value.slice(0, 10)}T${value.slice(11, 19)}.000Z`;
    if (value.charCodeAt(19) === 46 && length <= 29) {
      return `${value.slice(0, 10)}T${value.slice(11, 19)}.${`${value.slice(20, length - 3)}00`.slice(0, 3)}Z`;
    }
  }
  return parseTimestamptz(value).toISOString();
}
