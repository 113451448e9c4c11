// URL hash <-> map state, pure.
//
//   #map=zoom/lat/lng[/bearing[/pitch]]&layers=a,b&record=register/id
//
// `map` follows MapLibre's own hash layout (zoom first, then lat, lng). `layers` lists the visible
// layer groups; an empty `layers=` means "none visible", no `layers` means "defaults".
// Anything malformed parses to null rather than throwing. Unknown parameters are preserved by
// formatHash when the previous hash is given.

export interface MapView {
  zoom: number;
  lat: number;
  lng: number;
  bearing?: number;
  pitch?: number;
}

export interface HashState {
  /** null when `map` is absent or malformed. */
  view: MapView | null;
  /** null when `layers` is absent; otherwise the (deduplicated, well-formed) ids in order. */
  layers: string[] | null;
  /** The open record as "register/id" (checked by the workspace), null when absent. */
  record?: string | null;
}

export const MAX_ZOOM = 24;
export const MAX_PITCH = 85;

const NUMBER_RE = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const LAYER_ID_RE = /^[a-z][a-z0-9_-]{0,63}$/i;
const RECORD_RE = /^[a-z][a-z0-9-]{0,63}\/[1-9][0-9]{0,15}$/;

function parseNumber(text: string): number | null {
  if (!NUMBER_RE.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Parses the value of the `map` parameter ("zoom/lat/lng[/bearing[/pitch]]"). */
export function parseMapView(value: string): MapView | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  const parts = value.split('/');
  if (parts.length < 3 || parts.length > 5) return null;
  const nums = parts.map(parseNumber);
  if (nums.some((n) => n === null)) return null;
  const [zoom, lat, lng, bearing, pitch] = nums as number[];
  if (zoom === undefined || lat === undefined || lng === undefined) return null;
  if (zoom < 0 || zoom > MAX_ZOOM) return null;
  if (lat < -90 || lat > 90) return null;
  if (lng < -180 || lng > 180) return null;
  const view: MapView = { zoom, lat, lng };
  if (bearing !== undefined) {
    if (bearing < -360 || bearing > 360) return null;
    view.bearing = bearing;
  }
  if (pitch !== undefined) {
    if (pitch < 0 || pitch > MAX_PITCH) return null;
    view.pitch = pitch;
  }
  return view;
}

/** Parses the value of the `layers` parameter ("a,b"); ill-formed ids are dropped. */
export function parseLayerList(value: string): string[] {
  const out: string[] = [];
  for (const raw of value.split(',')) {
    const id = raw.trim();
    if (LAYER_ID_RE.test(id) && !out.includes(id)) out.push(id);
  }
  return out;
}

/** Splits "#a=1&b=2" into ordered [key, value] pairs (decoded); null when undecodable. */
export function splitHashParams(hash: string): Array<[string, string]> | null {
  if (typeof hash !== 'string') return null;
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return [];
  const pairs: Array<[string, string]> = [];
  for (const chunk of body.split('&')) {
    if (chunk === '') continue;
    const eq = chunk.indexOf('=');
    const key = safeDecode(eq < 0 ? chunk : chunk.slice(0, eq));
    const value = safeDecode(eq < 0 ? '' : chunk.slice(eq + 1));
    if (key === null || value === null) return null;
    pairs.push([key, value]);
  }
  return pairs;
}

/**
 * Parses a location hash. Returns null when it carries neither a valid `map` view nor a `layers`
 * parameter (empty hash, garbage, undecodable text).
 */
export function parseHash(hash: string): HashState | null {
  if (typeof hash !== 'string' || hash.length > 2000) return null;
  const pairs = splitHashParams(hash);
  if (!pairs) return null;
  let view: MapView | null = null;
  let layers: string[] | null = null;
  let record: string | null = null;
  for (const [key, value] of pairs) {
    if (key === 'map' && view === null) view = parseMapView(value);
    else if (key === 'layers' && layers === null) layers = parseLayerList(value);
    else if (key === 'record' && record === null && RECORD_RE.test(value)) record = value;
  }
  if (view === null && layers === null && record === null) return null;
  return record === null ? { view, layers } : { view, layers, record };
}

/** Decimal places for lat/lng so that one unit of the last digit is below a pixel at this zoom. */
export function coordinatePrecision(zoom: number): number {
  const z = Math.min(Math.max(zoom, 0), MAX_ZOOM);
  return Math.max(0, Math.ceil((z * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));
}

function fixed(value: number, digits: number): string {
  let text = value.toFixed(digits);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  if (text === '-0') text = '0';
  return text;
}

export function formatMapView(view: MapView): string {
  const precision = coordinatePrecision(view.zoom);
  const parts = [fixed(view.zoom, 2), fixed(view.lat, precision), fixed(view.lng, precision)];
  const bearing = view.bearing ?? 0;
  const pitch = view.pitch ?? 0;
  if (Math.abs(bearing) >= 0.05 || Math.abs(pitch) >= 0.5) parts.push(fixed(bearing, 1));
  if (Math.abs(pitch) >= 0.5) parts.push(fixed(pitch, 0));
  return parts.join('/');
}

/**
 * Formats `#map=...&layers=...&record=...`. `layers: null` (or omitted) leaves the parameter out;
 * `record` undefined keeps the previous hash's record, null removes it.
 * Parameters of `previousHash` other than map/layers/record are kept after them.
 */
export function formatHash(
  state: { view: MapView; layers?: readonly string[] | null; record?: string | null },
  previousHash = '',
): string {
  const parts = [`map=${formatMapView(state.view)}`];
  if (state.layers) {
    parts.push(`layers=${state.layers.filter((id) => LAYER_ID_RE.test(id)).join(',')}`);
  }
  const previous = splitHashParams(previousHash) ?? [];
  const record = state.record === undefined ? (previous.find(([key]) => key === 'record')?.[1] ?? null) : state.record;
  if (record !== null && RECORD_RE.test(record)) parts.push(`record=${record}`);
  for (const [key, value] of previous) {
    if (key === 'map' || key === 'layers' || key === 'record') continue;
    parts.push(value === '' ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  return `#${parts.join('&')}`;
}

/** True when two views differ by more than rounding noise of the hash. */
export function viewsDiffer(a: MapView, b: MapView): boolean {
  const precision = coordinatePrecision(Math.max(a.zoom, b.zoom));
  const eps = 10 ** -precision;
  return (
    Math.abs(a.zoom - b.zoom) > 0.01 ||
    Math.abs(a.lat - b.lat) > eps ||
    Math.abs(a.lng - b.lng) > eps ||
    Math.abs((a.bearing ?? 0) - (b.bearing ?? 0)) > 0.1 ||
    Math.abs((a.pitch ?? 0) - (b.pitch ?? 0)) > 0.5
  );
}
