// Reading the parts of a TileJSON document the client needs (pure, defensive: the server's JSON is
// validated rather than trusted).

export type Bounds = [west: number, south: number, east: number, north: number];

export interface TileJsonView {
  bounds: Bounds | null;
  center: { lng: number; lat: number; zoom: number | null } | null;
  minzoom: number | null;
  maxzoom: number | null;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function parseBounds(value: unknown): Bounds | null {
  if (!Array.isArray(value) || value.length !== 4 || !value.every(finite)) return null;
  const [w, s, e, n] = value as number[] as Bounds;
  if (w < -180 || e > 180 || s < -90 || n > 90) return null;
  if (!(w < e) || !(s < n)) return null;
  return [w, s, e, n];
}

export function parseCenter(value: unknown): TileJsonView['center'] {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return null;
  const [lng, lat, zoom] = value as unknown[];
  if (!finite(lng) || !finite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) return null;
  return { lng, lat, zoom: finite(zoom) && zoom >= 0 && zoom <= 24 ? zoom : null };
}

function zoomOrNull(value: unknown): number | null {
  return finite(value) && value >= 0 && value <= 30 ? value : null;
}

export function readTileJson(json: unknown): TileJsonView {
  const doc = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  return {
    bounds: parseBounds(doc.bounds),
    center: parseCenter(doc.center),
    minzoom: zoomOrNull(doc.minzoom),
    maxzoom: zoomOrNull(doc.maxzoom),
  };
}

/** The centre of a bounds box (lng, lat). */
export function boundsCenter(bounds: Bounds): [number, number] {
  return [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2];
}
