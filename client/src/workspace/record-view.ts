import type { Link as LinkEntry } from '../../../server/links/link-service.js';
// What the record panel shows, computed from the server's JSON: field rows, provenance, freshness,
// the history timeline, links, geometry extents. Pure: no DOM, no MapLibre at runtime.
import { isMessageKey, type MessageKey, type Params } from '../i18n/index.js';
import { isRegisterId, registerOfSource, type RegisterId } from '../map/register-style.js';

export type Translate = (key: MessageKey, params?: Params) => string;

export interface RecordRef {
  register: RegisterId;
  id: number;
}

const ID_RE = /^[1-9][0-9]{0,15}$/;

/** "hydrants/12" → { register: 'hydrants', id: 12 }; null when malformed or unknown. */
export function parseRecordRef(text: string | null | undefined): RecordRef | null {
  if (typeof text !== 'string') return null;
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const register = text.slice(0, slash);
  const id = text.slice(slash + 1);
  if (!isRegisterId(register) || !ID_RE.test(id)) return null;
  return { register, id: Number(id) };
}

export function formatRecordRef(ref: RecordRef): string {
  return `${ref.register}/${ref.id}`;
}

export function sameRef(a: RecordRef | null, b: RecordRef | null): boolean {
  return a === b || (a !== null && b !== null && a.register === b.register && a.id === b.id);
}

/**
 * What a click on a rendered feature opens: a record, (people layer) a building's counts, or — a grid
 * cell of a dense layer (cases below z17 carry `count`) — nothing to open: the map zooms in on it.
 */
export type FeatureTarget =
  | { kind: 'record'; ref: RecordRef }
  | { kind: 'building'; id: number; counts: Record<string, number> }
  | { kind: 'cell'; count: number };

/** The number of records a rendered feature stands for: a cell's `count`, else 1. */
export function featureWeight(feature: { properties?: Record<string, unknown> | null }): number {
  const count = feature.properties?.count;
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 1;
}

export function featureTarget(feature: { source?: unknown; id?: unknown; properties?: Record<string, unknown> | null }): FeatureTarget | null {
  const id = typeof feature.id === 'number' ? feature.id : typeof feature.id === 'string' && ID_RE.test(feature.id) ? Number(feature.id) : NaN;
  if (!Number.isInteger(id) || id < 1) return null;
  if (feature.source === 'people') {
    const counts: Record<string, number> = {};
    for (const name of PEOPLE_COUNT_FIELDS) {
      const value = Number(feature.properties?.[name] ?? 0);
      counts[name] = Number.isFinite(value) ? value : 0;
    }
    return { kind: 'building', id, counts };
  }
  const register = registerOfSource(feature.source);
  if (!register) return null;
  if (typeof feature.properties?.count === 'number') return { kind: 'cell', count: featureWeight(feature) };
  return { kind: 'record', ref: { register, id } };
}

export const PEOPLE_COUNT_FIELDS = ['people', 'registered', 'floating', 'foreign'] as const;

/** Record keys not listed among the fields: identity, geometry and provenance (shown apart). */
export const PROVENANCE_FIELDS = ['collected_by', 'verified_by', 'verified_at', 'verified_how', 'created_at', 'updated_at'] as const;
// `masked` is the server's list of masked field names, not a field of the record.
const HIDDEN_FIELDS = new Set<string>(['id', 'version', 'geometry', 'masked', ...PROVENANCE_FIELDS]);

/** The fields the server masked or withheld in this record (its `masked` list). */
export function maskedFields(record: Record<string, unknown>): string[] {
  return Array.isArray(record.masked) ? record.masked.filter((f): f is string => typeof f === 'string') : [];
}

export function fieldLabel(name: string, t: Translate): string {
  const key = `field.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

export function registerLabel(register: string, t: Translate): string {
  const key = `register.${register}`;
  return isMessageKey(key) ? t(key) : register;
}

/**
 * A value as text: null/empty → the catalogue's dash, enum values from the catalogue
 * (`value.<field>.<value>`, else as they are), arrays joined, geometries as type and centre, other
 * objects as JSON.
 */
export function formatValue(value: unknown, t: Translate, field?: string): string {
  if (value === null || value === undefined || value === '') return t('panel.empty');
  if (Array.isArray(value)) return value.length === 0 ? t('panel.empty') : value.map((v) => formatValue(v, t, field)).join(', ');
  if (typeof value === 'object') {
    const box = 'coordinates' in value || 'geometries' in value ? geometryBbox(value) : null;
    if (box) {
      const [lng, lat] = bboxCenter(box);
      return t('panel.geometry', { type: String((value as { type?: unknown }).type), lng: lng.toFixed(6), lat: lat.toFixed(6) });
    }
    return JSON.stringify(value);
  }
  const key = field === 'verified_how' ? `verifyHow.${String(value)}` : field ? `value.${field}.${String(value)}` : '';
  return key !== '' && isMessageKey(key) ? t(key) : String(value);
}

export interface FieldRow {
  name: string;
  label: string;
  value: string;
  /** Masked or withheld by the server (shown as it came, marked hidden). */
  masked?: boolean;
  /** Shown unmasked after a reveal. */
  revealed?: boolean;
}

/**
 * The record's own fields in the order the server returns them. Masked fields keep the masked text
 * (a withheld one says so instead of looking empty); revealed values, when given, replace them.
 */
export function fieldRows(record: Record<string, unknown>, t: Translate, revealed: Readonly<Record<string, unknown>> | null = null): FieldRow[] {
  const masked = new Set(maskedFields(record));
  return Object.entries(record)
    .filter(([name]) => !HIDDEN_FIELDS.has(name))
    .map(([name, value]): FieldRow => {
      const label = fieldLabel(name, t);
      if (revealed && Object.prototype.hasOwnProperty.call(revealed, name)) {
        return { name, label, value: formatValue(revealed[name], t, name), revealed: true };
      }
      if (!masked.has(name)) return { name, label, value: formatValue(value, t, name) };
      return { name, label, value: value === null || value === undefined ? t('panel.withheld') : formatValue(value, t, name), masked: true };
    });
}

export function provenanceRows(record: Record<string, unknown>, t: Translate): FieldRow[] {
  return PROVENANCE_FIELDS.filter((name) => name in record).map((name) => {
    const value = record[name];
    const key = `verifyHow.${String(value)}`;
    const text = name === 'verified_how' && isMessageKey(key) ? t(key) : formatValue(value, t);
    return { name, label: fieldLabel(name, t), value: text };
  });
}

export const FRESH_DAYS = 90;
const DAY_MS = 86_400_000;

export interface Freshness {
  state: 'fresh' | 'stale' | 'never';
  /** Whole days since the verification (null when never verified). */
  days: number | null;
}

/** Verified within FRESH_DAYS days = fresh, earlier = stale, not at all (or unreadable) = never. */
export function freshness(verifiedAt: unknown, now: Date): Freshness {
  if (typeof verifiedAt !== 'string' || verifiedAt === '') return { state: 'never', days: null };
  const at = Date.parse(verifiedAt);
  if (Number.isNaN(at)) return { state: 'never', days: null };
  const days = Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
  return { state: now.getTime() - at <= FRESH_DAYS * DAY_MS ? 'fresh' : 'stale', days };
}

export interface HistoryEntry {
  version: number;
  action: string;
  actor: string;
  source: string;
  reason: string | null;
  at: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface HistoryItem {
  version: number;
  action: string;
  title: string;
  meta: string;
  at: string;
  reason: string | null;
  changes: string[];
}

/** The timeline, newest first: who did what, when, why, and each field from → to. */
export function historyItems(entries: readonly HistoryEntry[], t: Translate): HistoryItem[] {
  return [...entries]
    .sort((a, b) => b.version - a.version)
    .map((entry) => {
      const actionKey = `action.${entry.action}`;
      return {
        version: entry.version,
        action: entry.action,
        title: isMessageKey(actionKey) ? t(actionKey) : entry.action,
        meta: t('panel.historyMeta', { actor: entry.actor, source: entry.source }),
        at: entry.at,
        reason: entry.reason ? t('panel.reason', { reason: entry.reason }) : null,
        changes: Object.entries(entry.changes ?? {}).map(([field, change]) =>
          t('panel.change', { field: fieldLabel(field, t), from: formatValue(change?.from, t, field), to: formatValue(change?.to, t, field) }),
        ),
      };
    });
}

/** One link as the server returns it: the server's own type, so the two cannot drift (erased at build). */
export type { Link as LinkEntry } from '../../../server/links/link-service.js';

export interface LinkItem {
  ref: RecordRef | null;
  text: string;
  type: string;
}

export function linkItems(links: readonly LinkEntry[], t: Translate): LinkItem[] {
  return links.map((link) => {
    const ref = isRegisterId(link.register) && Number.isInteger(link.id) && link.id > 0 ? { register: link.register, id: link.id } : null;
    const typeLabel = isMessageKey(`field.${link.type}`) ? fieldLabel(link.type, t) : link.type;
    const name = link.label && link.label !== '' ? link.label : `#${link.id}`;
    return { ref, type: typeLabel, text: `${registerLabel(link.register, t)} · ${name}` };
  });
}

/** A short title for a record: its name-like field, else "<register> #id". */
export function recordTitle(register: string, record: Record<string, unknown>, t: Translate): string {
  for (const key of ['name', 'code', 'case_no', 'call_sign', 'team', 'description']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return t('panel.recordTitle', { register: registerLabel(register, t), id: String(record.id ?? '') });
}

export type Bbox = [number, number, number, number];

/** [west, south, east, north] of any GeoJSON geometry; null when it has no coordinates. */
export function geometryBbox(geometry: unknown): Bbox | null {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number];
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
      return;
    }
    for (const child of c) visit(child);
  };
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown[] } | null | undefined;
  if (!g || typeof g !== 'object') return null;
  if (Array.isArray(g.geometries)) {
    for (const child of g.geometries) {
      const b = geometryBbox(child);
      if (b) visit([[b[0], b[1]], [b[2], b[3]]]);
    }
  } else visit(g.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

export function bboxCenter(box: Bbox): [number, number] {
  return [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
}

/** Counts distinct features (by source and id) per group of sources, e.g. after queryRenderedFeatures. */
export function countFeatures(
  features: ReadonlyArray<{ source?: unknown; id?: unknown; properties?: Record<string, unknown> | null }>,
  groups: Readonly<Record<string, readonly string[]>>,
): Record<string, number> {
  const seen = new Map<string, Map<string, number>>();
  const groupOfSource = new Map<string, string>();
  for (const [group, sources] of Object.entries(groups)) {
    seen.set(group, new Map());
    for (const s of sources) groupOfSource.set(s, group);
  }
  let anonymous = 0;
  for (const f of features) {
    if (typeof f.source !== 'string') continue;
    const group = groupOfSource.get(f.source);
    if (!group) continue;
    // camera views and cameras are the same records: count cameras by id once.
    const source = f.source === 'camera-views' ? 'cameras' : f.source;
    const key = f.id === undefined || f.id === null ? `${source}/?${anonymous++}` : `${source}/${String(f.id)}`;
    // A grid cell stands for `count` records; a cell belongs to one tile, so its id appears once.
    seen.get(group)!.set(key, featureWeight(f));
  }
  return Object.fromEntries([...seen].map(([group, keys]) => [group, [...keys.values()].reduce((sum, n) => sum + n, 0)]));
}
