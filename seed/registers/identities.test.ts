import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkIdNumber } from '../../server/registers/validation/identifiers.js';
import { createRng } from '../district/random.js';
import { isoInstant, chinaWeekday, chinaDate, makeClock, dateDaysAgo } from './clock.js';
import { householdSizeWeights } from './households.js';
import { CreditCodes, IdNumbers, landline, mobilePhone } from './identities.js';

/** The registers' CHECK constraints (migrations/0002_registers.ts), as regular expressions. */
const ID_CHECK = /^[0-9]{17}[0-9X]$/;
const CREDIT_CHECK = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const PHONE_CHECK = /^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$/;

describe('synthetic identifiers', () => {
  it('issues valid, unique ID numbers that agree with birth date and gender', () => {
    const ids = new IdNumbers(createRng(1));
    const r = createRng(2);
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const days = r.int(0, 36_000);
      const birth = dateDaysAgo(makeClock(), days);
      const gender = r.chance(0.5) ? 'male' : 'female';
      const id = ids.issue(birth, days, gender, r.chance(0.7) ? 'local' : 'migrant');
      expect(checkIdNumber(id), id).toBeNull();
      expect(id).toMatch(ID_CHECK);
      expect(id.slice(6, 14)).toBe(birth.replaceAll('-', ''));
      expect(Number(id.charAt(16)) % 2).toBe(gender === 'male' ? 1 : 0);
      // Never the shape the API test fixtures generate at random (330203, born 1950–2004).
      expect(id.startsWith('330203') && id.slice(6, 14) >= '19500101' && id.slice(6, 14) < '20041004').toBe(false);
      seen.add(id);
    }
    expect(seen.size).toBe(5000);
  });

  it('issues valid, unique credit codes with a numeric division code', () => {
    const codes = new CreditCodes(createRng(3));
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const code = codes.issue(i % 2 === 0);
      expect(checkCreditCode(code), code).toBeNull();
      expect(code).toMatch(CREDIT_CHECK);
      expect(code.slice(0, 2)).toBe(i % 2 === 0 ? '92' : '91');
      expect(/^91330203\d{9}/.test(code)).toBe(false);
      seen.add(code);
    }
    expect(seen.size).toBe(5000);
  });

  it('makes phone numbers the registers accept', () => {
    const r = createRng(4);
    for (let i = 0; i < 1000; i++) {
      expect(mobilePhone(r)).toMatch(PHONE_CHECK);
      expect(landline(r)).toMatch(PHONE_CHECK);
    }
  });
});

describe('clock helpers', () => {
  it('formats instants exactly like Date#toISOString, to the second', () => {
    const r = createRng(5);
    for (let i = 0; i < 2000; i++) {
      const ms = r.int(1_300_000_000, 1_900_000_000) * 1000;
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('counts days and weekdays in China time', () => {
    const clock = makeClock('2026-06-30');
    expect(dateDaysAgo(clock, 0)).toBe('2026-06-30');
    expect(dateDaysAgo(clock, 30)).toBe('2026-05-31');
    // 2026-06-30 is a Tuesday; 23:30 UTC on the 29th is already the 30th in China.
    expect(chinaWeekday(Date.parse('2026-06-29T23:30:00Z'))).toBe(2);
    expect(chinaDate(Date.parse('2026-06-29T16:00:00Z'))).toBe('2026-06-30');
  });
});

describe('household sizes', () => {
  it.each([1.6, 2.3, 2.7, 3.8])('tilts the size mix to a mean of %f', (mean) => {
    const weights = householdSizeWeights(mean);
    expect(weights.reduce((a, [, w]) => a + w, 0)).toBeCloseTo(1, 9);
    expect(weights.reduce((a, [size, w]) => a + size * w, 0)).toBeCloseTo(mean, 6);
    expect(weights.every(([, w]) => w > 0)).toBe(true);
  });
});
