// The list of a spatial selection as files: CSV (UTF-8 with a BOM, so Excel shows Chinese; CRLF rows;
// RFC 4180 quoting) and GeoJSON (RFC 7946 FeatureCollection). Pure: strings in, strings out.
import { isMessageKey } from '../i18n/index.js';
import type { SelectedRegister } from '../workspace/api.js';
import { bboxCenter, fieldLabel, geometryBbox, registerLabel, type Translate } from '../workspace/record-view.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';
/** Spreadsheets run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export const CSV_MIME = 'text/csv;charset=utf-8';
export const GEOJSON_MIME = 'application/geo+json';

/** One CSV cell: quoted when it holds a comma, quote or line break; formula-like text is defused. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A field value as spreadsheet text: enum values from the catalogue, lists with "; ", empty for null. */
export function cellText(value: unknown, field: string, t: Translate): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => cellText(v, field, t)).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  const key = `value.${field}.${String(value)}`;
  return isMessageKey(key) ? t(key) : String(value);
}

/** Field names of all registers in the list in the order they first appear, less each register's label (its own column). */
export function fieldColumns(registers: readonly SelectedRegister[]): string[] {
  const seen = new Set<string>();
  for (const group of registers) {
    for (const item of group.items) for (const name of Object.keys(item.fields)) if (name !== group.label) seen.add(name);
  }
  return [...seen];
}

/**
 * One row per listed record: register, id, name (the label field), every other field (blank where a register lacks it) and
 * the record's centre (its point, or the middle of its extent), with headers in the current language.
 */
export function selectionCsv(registers: readonly SelectedRegister[], t: Translate): string {
  const fields = fieldColumns(registers);
  const header = [t('export.register'), t('export.id'), t('export.label'), ...fields.map((name) => fieldLabel(name, t)), t('export.lng'), t('export.lat')];
  const rows = [header];
  for (const group of registers) {
    const title = registerLabel(group.register, t);
    for (const item of group.items) {
      const box = geometryBbox(item.geometry);
      const [lng, lat] = box ? bboxCenter(box) : [null, null];
      rows.push([
        title, String(item.id), item.label ?? '',
        ...fields.map((name) => (name in item.fields && name !== group.label ? cellText(item.fields[name], name, t) : '')),
        lng === null ? '' : lng.toFixed(7), lat === null ? '' : lat.toFixed(7),
      ]);
    }
  }
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join(CRLF) + CRLF;
}

/** The listed records as features; the id is `<register>/<id>`, properties carry the fields as stored. */
export function selectionGeoJson(registers: readonly SelectedRegister[]): string {
  const features = registers.flatMap((group) => group.items.map((item) => ({
    type: 'Feature' as const,
    id: `${group.register}/${item.id}`,
    geometry: item.geometry,
    properties: { register: group.register, id: item.id, label: item.label, ...item.fields },
  })));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** `beat-atlas-selection-20261207-1045.csv`, in local time. */
export function exportFileName(now: Date, extension: 'csv' | 'geojson'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `beat-atlas-selection-${stamp}.${extension}`;
}

/** How many records are listed, and in how many registers. */
export function selectionCounts(registers: readonly SelectedRegister[]): { listed: number; total: number; registers: number } {
  return {
    listed: registers.reduce((n, g) => n + g.items.length, 0),
    total: registers.reduce((n, g) => n + g.total, 0),
    registers: registers.length,
  };
}
