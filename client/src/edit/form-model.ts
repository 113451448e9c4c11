// The edit form's model, driven by the register specs the server itself is built from
// (server/registers/specs: plain data): which inputs a register has, form text ↔ JSON values, the
// changed fields of a draft, where a server 400 belongs, and what a 412 conflict shows. Pure.
import type { FieldSpec, RegisterSpec } from '../../../server/registers/register-spec.js';
import { registerById } from '../../../server/registers/specs/index.js';
import type { MessageKey } from '../i18n/index.js';
import { maskedFields } from '../workspace/record-view.js';

export type FieldKind = FieldSpec['kind'];
export type InputType = 'text' | 'textarea' | 'number' | 'date' | 'datetime-local' | 'select' | 'checkboxes' | 'checkbox';

/** Text longer than this gets a multi-line box. */
const TEXTAREA_FROM_LENGTH = 200;

export interface FormField {
  name: string;
  kind: FieldKind;
  input: InputType;
  required: boolean;
  /** enum and enumSet values. */
  values: readonly string[];
  maxLength: number | null;
  min: number | null;
  max: number | null;
  /** integer and ref inputs step by 1, numbers by any amount. */
  step: string | null;
}

/** What a form input holds: text, the ticked values of a set, or a checkbox. */
export type FormValue = string | string[] | boolean;

export function specOf(register: string): RegisterSpec | null {
  return registerById(register) ?? null;
}

function inputOf(field: FieldSpec): InputType {
  switch (field.kind) {
    case 'text': return (field.maxLength ?? 1000) > TEXTAREA_FROM_LENGTH ? 'textarea' : 'text';
    case 'enum': return 'select';
    case 'enumSet': return 'checkboxes';
    case 'integer': case 'number': case 'ref': return 'number';
    case 'date': return 'date';
    case 'datetime': return 'datetime-local';
    case 'boolean': return 'checkbox';
    case 'code': return 'text';
  }
}

/** The register's fields as form inputs, in spec order. */
export function formFields(spec: RegisterSpec): FormField[] {
  return Object.entries(spec.fields).map(([name, field]) => ({
    name,
    kind: field.kind,
    input: inputOf(field),
    required: field.required === true,
    values: field.kind === 'enum' || field.kind === 'enumSet' ? field.values : [],
    maxLength: field.kind === 'text' ? field.maxLength ?? 1000 : field.kind === 'code' ? 10 : null,
    min: field.kind === 'integer' || field.kind === 'number' ? field.min : field.kind === 'ref' ? 1 : null,
    max: field.kind === 'integer' || field.kind === 'number' ? field.max : null,
    step: field.kind === 'number' ? 'any' : field.kind === 'integer' || field.kind === 'ref' ? '1' : null,
  }));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value in the browser's time zone, to the minute. */
export function toLocalDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A record value as the form shows it. */
export function toFormValue(field: FormField, value: unknown): FormValue {
  if (field.input === 'checkboxes') return Array.isArray(value) ? value.map(String) : [];
  if (field.input === 'checkbox') return value === true;
  if (value === null || value === undefined) return '';
  if (field.input === 'datetime-local') return toLocalDateTime(String(value));
  return String(value);
}

/**
 * What an input starts with. A field the server masked (`masked` list) starts empty: its masked text
 * (`330203********123X`) is not the value, and sending it back would overwrite the real one.
 */
export function initialFormValue(field: FormField, record: Record<string, unknown>, masked: readonly string[] = maskedFields(record)): FormValue {
  return masked.includes(field.name) ? toFormValue(field, null) : toFormValue(field, record[field.name]);
}

const isEmptyDraft = (raw: FormValue) => raw === '' || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);

export type Parsed = { ok: true; value: unknown } | { ok: false; error: MessageKey };

/** Form text → the JSON value the API takes; empty → null (refused for required fields). */
export function fromFormValue(field: FormField, raw: FormValue): Parsed {
  if (field.input === 'checkboxes') return { ok: true, value: Array.isArray(raw) ? field.values.filter((v) => raw.includes(v)) : [] };
  if (field.input === 'checkbox') return { ok: true, value: raw === true };
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return field.required ? { ok: false, error: 'edit.required' } : { ok: true, value: null };
  switch (field.kind) {
    case 'integer':
    case 'ref':
      return /^-?\d{1,15}$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, error: 'edit.notAnInteger' };
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'edit.notANumber' };
    }
    case 'datetime': {
      const d = new Date(text);
      return Number.isNaN(d.getTime()) ? { ok: false, error: 'edit.badDateTime' } : { ok: true, value: d.toISOString() };
    }
    default:
      return { ok: true, value: text };
  }
}

/** Two JSON values the same for the record (instants compared as instants, lists as sets in order). */
export function sameValue(kind: FieldKind, a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0 && kind !== 'enumSet');
  if (empty(a) && empty(b)) return true;
  if (kind === 'datetime' && typeof a === 'string' && typeof b === 'string') return new Date(a).getTime() === new Date(b).getTime();
  if (kind === 'enumSet') return JSON.stringify([...(Array.isArray(a) ? a : [])].sort()) === JSON.stringify([...(Array.isArray(b) ? b : [])].sort());
  if ((kind === 'number' || kind === 'integer' || kind === 'ref') && a !== null && b !== null) return Number(a) === Number(b);
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The draft's changes against the record it started from: only fields the officer changed go in the
 * PATCH (so a colleague's change to another field is never overwritten), or the fields it can't read.
 * A datetime shown to the minute and not touched is not a change. A masked field started empty: left
 * empty it is unchanged (its real value is unknown here, so it can't be compared or cleared), typed
 * into it is the new value.
 */
export function draftChanges(fields: readonly FormField[], base: Record<string, unknown>, draft: Readonly<Record<string, FormValue>>,
  masked: readonly string[] = maskedFields(base)): { changes: Record<string, unknown>; errors: Record<string, MessageKey> } {
  const changes: Record<string, unknown> = {};
  const errors: Record<string, MessageKey> = {};
  for (const field of fields) {
    const raw = draft[field.name];
    if (raw === undefined) continue;
    if (masked.includes(field.name)) {
      if (isEmptyDraft(raw)) continue;
      const parsed = fromFormValue(field, raw);
      if (!parsed.ok) errors[field.name] = parsed.error;
      else changes[field.name] = parsed.value;
      continue;
    }
    const shown = toFormValue(field, base[field.name]);
    if (JSON.stringify(raw) === JSON.stringify(shown)) continue;
    const parsed = fromFormValue(field, raw);
    if (!parsed.ok) errors[field.name] = parsed.error;
    else if (!sameValue(field.kind, parsed.value, base[field.name] ?? null)) changes[field.name] = parsed.value;
  }
  return { changes, errors };
}

/**
 * Which form field a server 400 is about (`phone`, `body.phone`, `body.care_tags.0` → `care_tags`),
 * and the reason without the field prefix; field null when it is none of the form's.
 */
export function serverFieldError(fields: readonly FormField[], error: { field: string | null; message: string }):
  { field: string | null; reason: string } {
  const path = (error.field ?? '').replace(/^body\./, '');
  const name = path.split('.')[0] ?? '';
  const field = fields.some((f) => f.name === name) ? name : null;
  const prefix = error.field ? `${error.field}: ` : '';
  const reason = prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { field, reason };
}

export interface ConflictRow {
  field: string;
  kind: FieldKind;
  /** When the officer opened the form. */
  base: unknown;
  /** The officer's value (= base when they did not change it). */
  mine: unknown;
  /** The record now. */
  theirs: unknown;
  mineChanged: boolean;
  theirsChanged: boolean;
  /** Both changed it, to different values. */
  clash: boolean;
}

/** Every field that either side changed since `base`: the conflict dialog's table. */
export function conflictRows(fields: readonly FormField[], base: Record<string, unknown>, changes: Readonly<Record<string, unknown>>,
  current: Record<string, unknown>): ConflictRow[] {
  const rows: ConflictRow[] = [];
  for (const field of fields) {
    const mineChanged = Object.prototype.hasOwnProperty.call(changes, field.name);
    const theirsChanged = !sameValue(field.kind, base[field.name] ?? null, current[field.name] ?? null);
    if (!mineChanged && !theirsChanged) continue;
    const mine = mineChanged ? changes[field.name] : base[field.name] ?? null;
    rows.push({
      field: field.name, kind: field.kind, base: base[field.name] ?? null, mine, theirs: current[field.name] ?? null,
      mineChanged, theirsChanged, clash: mineChanged && theirsChanged && !sameValue(field.kind, mine, current[field.name] ?? null),
    });
  }
  return rows;
}

/** The officer's changes to send again on top of `current`, leaving out what it already holds. */
export function reapplyChanges(fields: readonly FormField[], changes: Readonly<Record<string, unknown>>, current: Record<string, unknown>):
  Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(changes, field.name)) continue;
    if (!sameValue(field.kind, changes[field.name], current[field.name] ?? null)) out[field.name] = changes[field.name];
  }
  return out;
}

/** The newest history entry after `version` (who changed it meanwhile), if the history has one. */
export function changedMeanwhile<E extends { version: number }>(history: readonly E[], version: number): E | null {
  return history.filter((entry) => entry.version > version).sort((a, b) => b.version - a.version)[0] ?? null;
}
