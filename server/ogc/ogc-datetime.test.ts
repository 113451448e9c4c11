import { describe, expect, it } from 'vitest';
import { formatMicros, isDatetimeError, parseDatetime, parseInstant } from './ogc-datetime.js';

describe('parseDatetime', () => {
  it('reads an instant as the span of its stated precision', () => {
    expect(parseDatetime('2024-05-01T10:00:00Z')).toEqual({ from: '2024-05-01T10:00:00.000000Z', to: '2024-05-01T10:00:00.999999Z' });
    expect(parseDatetime('2024-05-01T10:00:00.123Z')).toEqual({ from: '2024-05-01T10:00:00.123000Z', to: '2024-05-01T10:00:00.123999Z' });
    expect(parseDatetime('2024-05-01T10:00:00.5Z')).toEqual({ from: '2024-05-01T10:00:00.500000Z', to: '2024-05-01T10:00:00.599999Z' });
    expect(parseDatetime('2024-05-01T10:00:00.123456Z')).toEqual({ from: '2024-05-01T10:00:00.123456Z', to: '2024-05-01T10:00:00.123456Z' });
    // Beyond microseconds: truncated to what the database stores.
    expect(parseDatetime('2024-05-01T10:00:00.1234567Z')).toEqual({ from: '2024-05-01T10:00:00.123456Z', to: '2024-05-01T10:00:00.123456Z' });
  });

  it('converts offsets to UTC and accepts lower-case t and z', () => {
    expect(parseDatetime('2024-05-01T18:00:00+08:00')).toEqual({ from: '2024-05-01T10:00:00.000000Z', to: '2024-05-01T10:00:00.999999Z' });
    expect(parseDatetime('2024-05-01T05:30:00-04:30')).toEqual({ from: '2024-05-01T10:00:00.000000Z', to: '2024-05-01T10:00:00.999999Z' });
    expect(parseDatetime('2024-05-01t10:00:00z')).toEqual({ from: '2024-05-01T10:00:00.000000Z', to: '2024-05-01T10:00:00.999999Z' });
    expect(parseDatetime('2024-01-01T02:00:00+08:00')).toEqual({ from: '2023-12-31T18:00:00.000000Z', to: '2023-12-31T18:00:00.999999Z' });
  });

  it('reads closed and half-open intervals', () => {
    expect(parseDatetime('2024-01-01T00:00:00Z/2024-02-01T00:00:00Z'))
      .toEqual({ from: '2024-01-01T00:00:00.000000Z', to: '2024-02-01T00:00:00.999999Z' });
    expect(parseDatetime('../2024-02-01T00:00:00.000Z')).toEqual({ from: null, to: '2024-02-01T00:00:00.000999Z' });
    expect(parseDatetime('2024-01-01T00:00:00Z/..')).toEqual({ from: '2024-01-01T00:00:00.000000Z', to: null });
    expect(parseDatetime('/2024-02-01T00:00:00Z')).toEqual({ from: null, to: '2024-02-01T00:00:00.999999Z' });
    expect(parseDatetime('2024-01-01T00:00:00Z/')).toEqual({ from: '2024-01-01T00:00:00.000000Z', to: null });
    expect(parseDatetime('../..')).toEqual({ from: null, to: null });
    // The same instant at both ends is a valid (one-second) interval.
    expect(parseDatetime('2024-01-01T00:00:00Z/2024-01-01T00:00:00Z'))
      .toEqual({ from: '2024-01-01T00:00:00.000000Z', to: '2024-01-01T00:00:00.999999Z' });
  });

  it.each([
    [''], ['yesterday'], ['2024-05-01'], ['2024-05-01T10:00Z'], ['2024-05-01T10:00:00'], ['2024-05-01 10:00:00Z'],
    ['2024-13-01T00:00:00Z'], ['2024-02-30T00:00:00Z'], ['2023-02-29T00:00:00Z'], ['2024-05-01T24:00:00Z'],
    ['2024-05-01T10:60:00Z'], ['2024-05-01T10:00:61Z'], ['2024-05-01T10:00:00+24:00'], ['2024-05-01T10:00:00.Z'],
    ['2024-01-01T00:00:00Z/2024-02-01T00:00:00Z/2024-03-01T00:00:00Z'], ['2024-01-01T00:00:00Z/soon'], ['never/..'],
    ['2024-02-01T00:00:00Z/2024-01-01T00:00:00Z'], ['1714557600'],
  ])('refuses %j with a reason', (raw) => {
    const result = parseDatetime(raw);
    expect(isDatetimeError(result), JSON.stringify(result)).toBe(true);
    if (isDatetimeError(result)) expect(result.error).toMatch(/RFC 3339|after its end/);
  });

  it('knows leap years', () => {
    expect(isDatetimeError(parseDatetime('2024-02-29T00:00:00Z'))).toBe(false);
    expect(isDatetimeError(parseDatetime('2000-02-29T00:00:00Z'))).toBe(false);
    expect(isDatetimeError(parseDatetime('1900-02-29T00:00:00Z'))).toBe(true);
  });
});

describe('parseInstant / formatMicros', () => {
  it('round-trips through microseconds', () => {
    const instant = parseInstant('2024-05-01T10:00:00.123456Z')!;
    expect(instant.first).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 123) * 1000 + 456);
    expect(formatMicros(instant.first)).toBe('2024-05-01T10:00:00.123456Z');
    expect(formatMicros(0)).toBe('1970-01-01T00:00:00.000000Z');
  });

  it('handles years below 100 without the Date.UTC two-digit-year rule', () => {
    expect(formatMicros(parseInstant('0050-01-01T00:00:00Z')!.first)).toBe('0050-01-01T00:00:00.000000Z');
  });
});
