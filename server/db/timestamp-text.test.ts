import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { timestamptzToIso } from './timestamp-text.js';

const viaDate = (value: string) => (pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (v: string) => Date)(value).toISOString();

describe('timestamptzToIso', () => {
  it.each([
    '2024-05-01 12:34:56+00',
    '2024-05-01 12:34:56.1+00',
    '2024-05-01 12:34:56.12+00',
    '2024-05-01 12:34:56.123+00',
    '2024-05-01 12:34:56.123999+00',
    '1999-12-31 23:59:59.999999+00',
    '0099-01-01 00:00:00+00',
  ])('rewrites UTC text %s as a Date would', (value) => {
    expect(timestamptzToIso(value)).toBe(viaDate(value));
  });

  it.each([
    '2024-05-01 20:34:56.5+08',
    '2024-05-01 07:04:56.5-05:30',
    '2024-05-01 12:34:56+00 BC',
    '12024-05-01 12:34:56+00',
  ])('leaves other text %s to the full parser', (value) => {
    expect(timestamptzToIso(value)).toBe(viaDate(value));
  });
});
