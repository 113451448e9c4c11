import { describe, expect, it } from 'vitest';
import { inline } from './inline-params-client.js';

describe('inline', () => {
  it('replaces each $n by an escaped literal', () => {
    expect(inline('SELECT $1, $2, $10', ['a', 2, 'j', 4, 5, 6, 7, 8, 9, 'ten'])).toBe("SELECT 'a', '2', 'ten'");
  });
  it('escapes quotes and backslashes so a value cannot change the statement', () => {
    expect(inline('SELECT $1', ["x'); DROP TABLE people; --"])).toBe("SELECT 'x''); DROP TABLE people; --'");
    // A backslash makes pg write an E'' literal with the backslash doubled.
    expect(inline('SELECT $1', ['a\\b'])).toBe("SELECT  E'a\\\\b'");
  });
  it('writes null, arrays, dates and JSON objects as pg would send them', () => {
    expect(inline('SELECT $1', [null])).toBe('SELECT NULL');
    expect(inline('SELECT $1::text[]', [['a', 'b']])).toBe(`SELECT '{"a","b"}'::text[]`);
    expect(inline('SELECT $1', [{ a: 1 }])).toBe(`SELECT '{"a":1}'`);
    expect(inline('SELECT $1', [Buffer.from([1, 255])])).toBe("SELECT '\\x01ff'::bytea");
  });
  it('leaves placeholders without a value alone', () => {
    expect(inline('SELECT $1, $3', ['a'])).toBe("SELECT 'a', $3");
  });
});
