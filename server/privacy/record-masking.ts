import type { RegisterSpec } from '../registers/register-spec.js';
import { maskText, maskValue, sensitiveFields, type SensitiveKind } from './masking.js';

/**
 * Masking applied to register records on their way out (responses, exports, history). Which fields
 * are personal comes from the register's spec: checked ID numbers and phones, care tags. Free-text
 * fields (a case narrative, a note) are scanned for ID numbers and phone numbers typed into them.
 */
const sensitiveCache = new Map<string, Record<string, SensitiveKind>>();
const freeTextCache = new Map<string, string[]>();

export function personalFields(spec: RegisterSpec): Record<string, SensitiveKind> {
  let fields = sensitiveCache.get(spec.id);
  if (!fields) sensitiveCache.set(spec.id, fields = sensitiveFields(spec.fields));
  return fields;
}

function freeTextFields(spec: RegisterSpec): string[] {
  let fields = freeTextCache.get(spec.id);
  if (!fields) {
    const personal = personalFields(spec);
    // Long texts only (narratives, findings, notes): short ones are names and codes, where a run of
    // digits is a case or licence number, not a phone.
    fields = Object.entries(spec.fields)
      .filter(([name, field]) => field.kind === 'text' && !field.check && !(name in personal) && (field.maxLength ?? 0) >= 500)
      .map(([name]) => name);
    freeTextCache.set(spec.id, fields);
  }
  return fields;
}

/** Whether a register holds anything a reveal would show. */
export const hasPersonalData = (spec: RegisterSpec) => Object.keys(personalFields(spec)).length > 0 || freeTextFields(spec).length > 0;

/** The record as every response shows it, with `masked` naming what was masked or withheld. */
export function maskedRecord<T extends Record<string, unknown>>(spec: RegisterSpec, row: T): T & { masked: string[] } {
  const masked: string[] = [];
  // `masked` first, then the row: V8 copies the row's shape in one step and the masked values below
  // overwrite existing properties. Adding `masked` after the copy made every record take a slow
  // shape change (1.5 µs each: a third of what a page of 100 records cost the server beyond its SQL).
  const out: Record<string, unknown> = { masked, ...row };
  if (out.masked !== masked) out.masked = masked; // a row that carried its own `masked`
  for (const [field, kind] of Object.entries(personalFields(spec))) {
    const value = row[field];
    if (value === null || value === undefined) continue;
    out[field] = maskValue(kind, value);
    masked.push(field);
  }
  for (const name of freeTextFields(spec)) {
    const text = out[name];
    if (typeof text !== 'string') continue;
    const hidden = maskText(text);
    if (hidden !== text) {
      out[name] = hidden;
      masked.push(name);
    }
  }
  return out as T & { masked: string[] };
}

/** The unmasked personal and free-text fields of a record, for `POST …/{id}/reveal` only. */
export function revealedFields(spec: RegisterSpec, row: Record<string, unknown>): Record<string, unknown> {
  const names = [...Object.keys(personalFields(spec)), ...freeTextFields(spec)];
  return Object.fromEntries(names.map((name) => [name, row[name] ?? null]));
}

/** A history timeline with personal values masked in every change (from and to) and snapshot. */
export function maskedChanges(spec: RegisterSpec, changes: Record<string, { from: unknown; to: unknown }>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, change] of Object.entries(changes)) {
    out[field] = { from: maskedField(spec, field, change.from), to: maskedField(spec, field, change.to) };
  }
  return out;
}

/** One field's value as `maskedRecord` would show it (a history has fifty versions of one field: no record copy per value). */
function maskedField(spec: RegisterSpec, field: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const kind = personalFields(spec)[field];
  if (kind) return maskValue(kind, value);
  return typeof value === 'string' && freeTextFields(spec).includes(field) ? maskText(value) : value;
}
