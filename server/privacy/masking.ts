import type { FieldSpec } from '../registers/register-spec.js';

/**
 * Masking of personal data on the server, before anything leaves it (responses, tiles, search,
 * exports, log lines). Pure functions: they never mutate their input.
 *
 * - ID numbers keep the first 6 (the issuing area) and last 4 characters: 330203********123X.
 * - Mobile numbers keep the first 3 and last 4 digits: 138****5678; other numbers keep their last 4.
 * - Names of case persons keep the family name (first character): 王**.
 * - Care and attention tags are withheld entirely: which tag a person carries is itself the secret.
 */
export const MASK = '*';

export function maskIdNumber(value: string): string {
  const chars = [...value];
  if (chars.length <= 10) return MASK.repeat(chars.length);
  return chars.slice(0, 6).join('') + MASK.repeat(chars.length - 10) + chars.slice(-4).join('');
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  // Landlines and others: every digit but the last 4 hidden, separators kept (0574-87654321 → ****-****4321).
  let toHide = Math.max(0, digits.length - 4);
  return [...value].map((c) => (/\d/.test(c) && toHide-- > 0 ? MASK : c)).join('');
}

export function maskName(value: string): string {
  const chars = [...value.trim()];
  if (chars.length === 0) return '';
  return chars[0] + MASK.repeat(Math.max(1, chars.length - 1));
}

export type SensitiveKind = 'id_number' | 'phone' | 'care_tags' | 'person_name';

/** The personal fields of a register, from its field specs: checked ID numbers and phones, and care tags. */
export function sensitiveFields(fields: Record<string, FieldSpec>): Record<string, SensitiveKind> {
  const out: Record<string, SensitiveKind> = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.kind === 'text' && spec.check === 'idNumber') out[name] = 'id_number';
    else if (spec.kind === 'text' && spec.check === 'phone') out[name] = 'phone';
    else if (name === 'care_tags') out[name] = 'care_tags';
  }
  return out;
}

export interface Masked<T> {
  value: T;
  /** Fields whose values were masked or withheld (so a client can say "hidden", not "empty"). */
  masked: string[];
}

/**
 * A record with its sensitive fields masked: ID numbers and phones in the formats above, person
 * names (for case persons) shortened to the family name, care tags withheld (null). Null values stay null.
 */
export function maskRecord<T extends Record<string, unknown>>(record: T, sensitive: Record<string, SensitiveKind>): Masked<T> {
  const value: Record<string, unknown> = { ...record };
  const masked: string[] = [];
  for (const [field, kind] of Object.entries(sensitive)) {
    const current = record[field];
    if (current === null || current === undefined) continue;
    value[field] = maskValue(kind, current);
    masked.push(field);
  }
  return { value: value as T, masked };
}

/** One sensitive value masked as its kind says (null stays null). */
export function maskValue(kind: SensitiveKind, value: unknown): unknown {
  switch (kind) {
    case 'id_number': return maskIdNumber(String(value));
    case 'phone': return maskPhone(String(value));
    case 'person_name': return maskName(String(value));
    case 'care_tags': return null;
  }
}

/** The fields of a person shown as a party to a case: name, ID number and phone masked, care tags withheld. */
export const CASE_PERSON_FIELDS: Record<string, SensitiveKind> = {
  name: 'person_name', id_number: 'id_number', phone: 'phone', care_tags: 'care_tags',
};

/** Mask every occurrence of an 18-digit ID number or a mobile number in free text (narratives, log lines). */
export function maskText(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(/(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g, (_m, head: string, tail: string) => `${head}****${tail}`);
}
