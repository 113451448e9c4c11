/**
 * Chinese identifiers kept in the registers: the resident ID number (GB 11643-1999), the unified social
 * credit code of a business (GB 32100-2015) and phone numbers, plus the masks used wherever a number is
 * shown to someone who needs only to recognise it. Pure functions; no I/O.
 *
 * Every `check*` returns null when the value is acceptable, else a short English reason that the API
 * puts next to the field name. The rules are at least as strict as the CHECK constraints of the
 * registers (migrations/0002_registers.ts), so a value that passes here never fails in SQL.
 */

// ---- resident ID number (GB 11643-1999) -------------------------------------------------------------

const ID_NUMBER_LENGTH = 18;
/** ISO 7064 MOD 11-2 weights, 2^(17-i) mod 11, for the first 17 digits. */
const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check digit by weighted sum mod 11; 10 is written X. */
const ID_NUMBER_CHECK_DIGITS = '10X98765432';
/** Earliest birth date accepted: the standard's century field starts at 19 for everyone alive. */
const EARLIEST_BIRTH_DATE = '19000101';
/** Birth dates are Chinese calendar days; China has kept UTC+8 without daylight saving since 1991. */
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface IdNumberOptions {
  /** The moment that counts as now, for the "not in the future" rule; tests pin it. */
  now?: Date;
}

/** Null when `value` is a well-formed resident ID number, else why not. */
export function checkIdNumber(value: string, options: IdNumberOptions = {}): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length !== ID_NUMBER_LENGTH) return `must be ${ID_NUMBER_LENGTH} characters`;
  const first17 = value.slice(0, 17);
  if (!/^\d{17}$/.test(first17)) return 'the first 17 characters must be digits';
  const last = value.charAt(17);
  // Lower-case x is a common typing slip; the standard and the database allow only X.
  if (last === 'x') return 'check digit must be uppercase X';
  if (!/^[\dX]$/.test(last)) return 'the last character must be a digit or X';
  const birthProblem = checkBirthDate(value.slice(6, 14), options.now ?? new Date());
  if (birthProblem) return birthProblem;
  const expected = idNumberCheckDigit(first17);
  return last === expected ? null : `check digit should be ${expected}`;
}

/** The 18th character for 17 leading digits (exported so the seed can make synthetic valid numbers). */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`idNumberCheckDigit needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * ID_NUMBER_WEIGHTS[i]!;
  return ID_NUMBER_CHECK_DIGITS.charAt(sum % 11);
}

function checkBirthDate(yyyymmdd: string, now: Date): string | null {
  if (!isCalendarDate(yyyymmdd)) return `birth date ${yyyymmdd} is not a date`;
  // Same-length digit strings compare like the dates they spell.
  if (yyyymmdd < EARLIEST_BIRTH_DATE) return `birth date ${yyyymmdd} is before 1900`;
  if (yyyymmdd > chinaDate(now)) return `birth date ${yyyymmdd} is in the future`;
  return null;
}

function isCalendarDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (proleptic Gregorian, UTC so no DST edges).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYYMMDD of `now` on the calendar in China. */
function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

// ---- unified social credit code (GB 32100-2015) -----------------------------------------------------

const CREDIT_CODE_LENGTH = 18;
/** The code's 31 characters; I, O, S, V and Z are left out so they can't be misread as 1, 0, 5, U and 2. */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31 for the first 17 characters. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** Characters 3–8 are the administrative division code (the registers' CHECK requires digits there). */
const CREDIT_CODE_DIVISION = { start: 2, end: 8 } as const;

/** Null when `value` is a well-formed unified social credit code, else why not. */
export function checkCreditCode(value: string): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length !== CREDIT_CODE_LENGTH) return `must be ${CREDIT_CODE_LENGTH} characters`;
  if (/[a-z]/.test(value)) return 'letters must be uppercase';
  const bad = [...value].findIndex((c) => !CREDIT_CODE_ALPHABET.includes(c));
  if (bad >= 0) return `character ${bad + 1} "${value.charAt(bad)}" is not allowed (the code never uses I, O, S, V or Z)`;
  if (!/^\d+$/.test(value.slice(CREDIT_CODE_DIVISION.start, CREDIT_CODE_DIVISION.end))) {
    return 'characters 3–8 must be digits (the administrative division code)';
  }
  const expected = creditCodeCheckChar(value.slice(0, 17));
  return value.charAt(17) === expected ? null : `check character should be ${expected}`;
}

/** The 18th character for 17 leading code characters (exported for the seed generator). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !CREDIT_CODE_ALPHABET.includes(c))) {
    throw new RangeError(`creditCodeCheckChar needs 17 code characters, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i)) * CREDIT_CODE_WEIGHTS[i]!;
  // c = 31 - sum mod 31, where a result of 31 wraps to 0.
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

// ---- phone numbers ----------------------------------------------------------------------------------

/** Mainland mobile: 11 digits, second digit 3–9. Same patterns as the people register's CHECK. */
const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
/** Landline: trunk 0, 2–3 more area-code digits, optional hyphen, 7–8 digit local number. */
const LANDLINE_PATTERN = /^0\d{2,3}-?\d{7,8}$/;
/** People paste numbers in international form; say what to drop rather than just "invalid". */
const COUNTRY_CODE_PATTERN = /^(\+86|0086)[\s-]?1[3-9]\d{9}$/;

/** Null when `value` is a Chinese mobile or landline number as stored, else why not. */
export function checkPhone(value: string): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (MOBILE_PATTERN.test(value) || LANDLINE_PATTERN.test(value)) return null;
  if (COUNTRY_CODE_PATTERN.test(value)) return 'leave out the +86 country code';
  if (/\s/.test(value)) return 'must not contain spaces';
  return 'must be a mobile number (11 digits starting 13–19) or a landline with area code, such as 0574-87654321';
}

// ---- masks ------------------------------------------------------------------------------------------

const ID_NUMBER_MASK = { head: 6, tail: 4 } as const;
const PHONE_MASK = { head: 3, tail: 4 } as const;
const MASK_CHAR = '*';

/** '330203199001011234' → '330203********1234': region code and last four stay, the birth date goes. */
export function maskIdNumber(value: string): string {
  return maskMiddle(value, ID_NUMBER_MASK.head, ID_NUMBER_MASK.tail);
}

/** '13812345678' → '138****5678'; '0574-87654321' → '0574-****4321' (an area code identifies no one). */
export function maskPhone(value: string): string {
  const hyphen = value.indexOf('-');
  if (hyphen > 0) return value.slice(0, hyphen + 1) + maskMiddle(value.slice(hyphen + 1), 0, PHONE_MASK.tail);
  return maskMiddle(value, PHONE_MASK.head, PHONE_MASK.tail);
}

/** Star everything but `head` leading and `tail` trailing characters; too short to leave any → all stars. */
function maskMiddle(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return MASK_CHAR.repeat(value.length);
  return value.slice(0, head) + MASK_CHAR.repeat(value.length - head - tail) + value.slice(value.length - tail);
}
