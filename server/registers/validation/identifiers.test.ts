import { describe, expect, it } from 'vitest';
import {
  checkCreditCode, checkIdNumber, checkPhone, creditCodeCheckChar, idNumberCheckDigit, maskIdNumber, maskPhone,
} from './identifiers.js';

/** Pinned "now" so the future-date rule doesn't drift: 2024-06-15 08:00 in China. */
const NOW = new Date('2024-06-15T00:00:00Z');
const check = (value: string) => checkIdNumber(value, { now: NOW });
/** A synthetic valid number: fixed prefix plus the computed check digit, as the seed makes them. */
const withCheckDigit = (first17: string) => first17 + idNumberCheckDigit(first17);
const withCheckChar = (first17: string) => first17 + creditCodeCheckChar(first17);

describe('idNumberCheckDigit', () => {
  it.each([
    // Examples printed in GB 11643-1999 itself; they check the algorithm independently of our fixtures.
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
  ])('%s → %s (published examples)', (first17, digit) => {
    expect(idNumberCheckDigit(first17)).toBe(digit);
  });

  it('produces every one of the 11 check characters', () => {
    const prefixes = ['006', '000', '005', '018', '004', '009', '003', '008', '002', '007', '001'];
    const digits = prefixes.map((tail) => idNumberCheckDigit(`33020319850715${tail}`));
    expect(digits).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it.each(['1101051949123100', '110105194912310021', '1101051949123100A', ''])('throws for %j', (bad) => {
    expect(() => idNumberCheckDigit(bad)).toThrow(RangeError);
  });
});

describe('checkIdNumber', () => {
  it.each([
    ['the standard example ending X', '11010519491231002X'],
    ['an ordinary number', withCheckDigit('33020319900101123')],
    ['a leap day', withCheckDigit('33020320000229001')],
    ['the first day accepted', withCheckDigit('33020319000101001')],
    ['born today (China date)', withCheckDigit('33020320240615001')],
  ])('accepts %s', (_, value) => {
    expect(check(value)).toBeNull();
  });

  it('accepts exactly one last character for a given 17 digits', () => {
    const first17 = '33020319850715001';
    const passing = [...'0123456789X'].filter((c) => check(first17 + c) === null);
    expect(passing).toEqual(['X']);
  });

  it('uses the calendar day in China, not UTC', () => {
    // 16:30 UTC on 14 June is 00:30 on 15 June in China: someone born on the 15th already exists.
    expect(checkIdNumber(withCheckDigit('33020320240615001'), { now: new Date('2024-06-14T16:30:00Z') })).toBeNull();
    expect(checkIdNumber(withCheckDigit('33020320240615001'), { now: new Date('2024-06-14T15:30:00Z') }))
      .toBe('birth date 20240615 is in the future');
  });

  it('defaults "now" to the real clock', () => {
    expect(checkIdNumber('11010519491231002X')).toBeNull();
    expect(checkIdNumber(withCheckDigit('33020329991231001'))).toBe('birth date 29991231 is in the future');
  });

  it.each([
    ['17 characters', '11010519491231002', 'must be 18 characters'],
    ['19 characters', '11010519491231002X0', 'must be 18 characters'],
    ['empty', '', 'must be 18 characters'],
    ['the 15-digit first-generation form', '110105491231002', 'must be 18 characters'],
    ['a letter among the digits', '1101051949123A002X', 'the first 17 characters must be digits'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ', 'the first 17 characters must be digits'],
    ['a space', '110105 9491231002X', 'the first 17 characters must be digits'],
    ['a lowercase x', '11010519491231002x', 'check digit must be uppercase X'],
    ['a letter other than X last', '11010519491231002Y', 'the last character must be a digit or X'],
    ['a wrong check digit', '110105194912310021', 'check digit should be X'],
    ['a wrong check digit where a digit is due', '330203199001011235', 'check digit should be 6'],
    ['two transposed digits', '11010519491231020X', 'check digit should be 6'],
  ])('refuses %s', (_, value, reason) => {
    expect(check(value)).toBe(reason);
  });

  it.each([
    ['30 February', '33020319990230001', 'birth date 19990230 is not a date'],
    ['31 February', '33020319990231001', 'birth date 19990231 is not a date'],
    ['29 February 1900 (not a leap year)', '33020319000229001', 'birth date 19000229 is not a date'],
    ['month 13', '33020319991301001', 'birth date 19991301 is not a date'],
    ['day 00', '33020319990100001', 'birth date 19990100 is not a date'],
    ['31 April', '33020319990431001', 'birth date 19990431 is not a date'],
    ['the day before 1900', '33020318991231001', 'birth date 18991231 is before 1900'],
    ['tomorrow', '33020320240616001', 'birth date 20240616 is in the future'],
  ])('refuses a birth date of %s even with a correct check digit', (_, first17, reason) => {
    expect(check(withCheckDigit(first17))).toBe(reason);
  });

  it('refuses the 1880 example from the standard: its check digit is right but the date is too early', () => {
    expect(check('440524188001010014')).toBe('birth date 18800101 is before 1900');
  });

  it('refuses a value that is not a string at run time', () => {
    expect(checkIdNumber(110105194912310020 as unknown as string)).toBe('must be a string');
  });
});

describe('creditCodeCheckChar', () => {
  it('matches the example printed in GB 32100-2015', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('wraps 31 to 0 and reaches the last alphabet character Y', () => {
    expect(creditCodeCheckChar('91330203000000002')).toBe('0');
    expect(creditCodeCheckChar('91330203000000021')).toBe('Y');
  });

  it.each(['91350100M000100Y', '91350100M000100Y43', '91350100I000100Y4', '91350100m000100Y4'])('throws for %j', (bad) => {
    expect(() => creditCodeCheckChar(bad)).toThrow(RangeError);
  });
});

describe('checkCreditCode', () => {
  it.each([
    ['the standard example', '91350100M000100Y43'],
    ['a company (9 1)', withCheckChar('91330203MA2AB1234')],
    ['a public institution (1 2)', withCheckChar('12330200470000012')],
    ['a social organisation (5 2)', withCheckChar('52330203MJ0000001')],
    ['another authority (Y 1)', withCheckChar('Y1330203000000001')],
    ['check character 0', withCheckChar('91330203000000002')],
  ])('accepts %s', (_, value) => {
    expect(checkCreditCode(value)).toBeNull();
  });

  it('accepts exactly one last character for a given 17', () => {
    const passing = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].filter((c) => checkCreditCode(`91350100M000100Y4${c}`) === null);
    expect(passing).toEqual(['3']);
  });

  it.each([
    ['17 characters', '91350100M000100Y4', 'must be 18 characters'],
    ['19 characters', '91350100M000100Y430', 'must be 18 characters'],
    ['lowercase letters', '91350100m000100y43', 'letters must be uppercase'],
    ['I', '91350100I000100Y43', 'character 9 "I" is not allowed (the code never uses I, O, S, V or Z)'],
    ['O', '91350100O000100Y43', 'character 9 "O" is not allowed (the code never uses I, O, S, V or Z)'],
    ['Z', 'Z1350100M000100Y43', 'character 1 "Z" is not allowed (the code never uses I, O, S, V or Z)'],
    ['S', '91350100M000100S43', 'character 16 "S" is not allowed (the code never uses I, O, S, V or Z)'],
    ['V', '91350100M000100Y4V', 'character 18 "V" is not allowed (the code never uses I, O, S, V or Z)'],
    ['a hyphen', '913501-0M000100Y43', 'character 7 "-" is not allowed (the code never uses I, O, S, V or Z)'],
    ['a letter in the division code', withCheckChar('9133A203MA2AB1234'), 'characters 3–8 must be digits (the administrative division code)'],
    ['a wrong check character', '91350100M000100Y44', 'check character should be 3'],
    ['two transposed characters', '91350100M000010Y43', `check character should be ${creditCodeCheckChar('91350100M000010Y4')}`],
  ])('refuses %s', (_, value, reason) => {
    expect(checkCreditCode(value)).toBe(reason);
  });
});

describe('checkPhone', () => {
  it.each([
    '13812345678', '13012345678', '15912345678', '16612345678', '17712345678', '18812345678', '19912345678',
    '0574-87654321', '057487654321', '010-12345678', '01012345678', '0571-1234567', '021-6543210',
  ])('accepts %s', (value) => {
    expect(checkPhone(value)).toBeNull();
  });

  const USAGE = 'must be a mobile number (11 digits starting 13–19) or a landline with area code, such as 0574-87654321';

  it.each([
    ['a mobile starting 12', '12812345678', USAGE],
    ['a mobile starting 10', '10812345678', USAGE],
    ['10 digits', '1381234567', USAGE],
    ['12 digits', '138123456789', USAGE],
    ['a landline without area code', '87654321', USAGE],
    ['an area code without the trunk 0', '574-87654321', USAGE],
    ['two hyphens', '0574--87654321', USAGE],
    ['a local number of 6 digits', '0574-876543', USAGE],
    ['a local number of 9 digits', '0574-876543210', USAGE],
    ['letters', '1381234567a', USAGE],
    ['empty', '', USAGE],
    ['+86', '+8613812345678', 'leave out the +86 country code'],
    ['0086 with a space', '0086 13812345678', 'leave out the +86 country code'],
    ['spaces', '138 1234 5678', 'must not contain spaces'],
    ['a trailing newline', '13812345678\n', 'must not contain spaces'],
  ])('refuses %s', (_, value, reason) => {
    expect(checkPhone(value)).toBe(reason);
  });
});

describe('masks', () => {
  it('keeps the region code and last four of an ID number', () => {
    expect(maskIdNumber('330203199001011234')).toBe('330203********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps the operator prefix and last four of a mobile', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps the area code and last four of a landline', () => {
    expect(maskPhone('0574-87654321')).toBe('0574-****4321');
    expect(maskPhone('010-1234567')).toBe('010-***4567');
    expect(maskPhone('057487654321')).toBe('057*****4321');
  });

  it('never shows a value too short to mask partly', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('')).toBe('');
  });

  it('keeps the length, so a masked value lines up with the real ones', () => {
    for (const id of ['11010519491231002X', withCheckDigit('33020319900101123')]) expect(maskIdNumber(id)).toHaveLength(18);
    expect(maskPhone('19912345678')).toHaveLength(11);
  });
});
