/**
 * XYZ tile maths in Web Mercator (EPSG:3857) for WGS 84 lon/lat. Paths are z/x/y (XYZ), never the
 * z/y/x of OGC API Tiles. Pure functions; no I/O.
 */
export const MAX_ZOOM = 22;
/** Tile coordinate space of one tile (MVT extent). */
export const EXTENT = 4096;
/** Pixels of extent drawn beyond the tile edge so strokes and labels don't cut at tile seams. */
export const BUFFER = 64;

export interface TileCoord { z: number; x: number; y: number }

export type TileCoordError = { field: 'z' | 'x' | 'y'; reason: string };

/** Parse path segments into a tile, or say which part is wrong and why. */
export function parseTileCoord(z: string, x: string, y: string): TileCoord | TileCoordError {
  const parts = { z, x, y };
  const value: Record<string, number> = {};
  for (const field of ['z', 'x', 'y'] as const) {
    if (!/^\d{1,8}$/.test(parts[field])) return { field, reason: `must be a non-negative whole number, got "${parts[field]}"` };
    value[field] = Number(parts[field]);
  }
  const tile = { z: value.z!, x: value.x!, y: value.y! };
  if (tile.z > MAX_ZOOM) return { field: 'z', reason: `must be from 0 to ${MAX_ZOOM}, got ${tile.z}` };
  const size = 2 ** tile.z;
  if (tile.x >= size) return { field: 'x', reason: `must be below ${size} at zoom ${tile.z}, got ${tile.x}` };
  if (tile.y >= size) return { field: 'y', reason: `must be below ${size} at zoom ${tile.z}, got ${tile.y}` };
  return tile;
}

export function isTileCoordError(value: TileCoord | TileCoordError): value is TileCoordError {
  return 'field' in value;
}

/** Longitude of a tile column's west edge (degrees). */
export function tileToLng(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

/** Latitude of a tile row's north edge (degrees). */
export function tileToLat(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** [west, south, east, north] of a tile, optionally grown by `bufferPx` of the tile's extent. */
export function tileBounds({ z, x, y }: TileCoord, bufferPx = 0): [number, number, number, number] {
  const grow = bufferPx / EXTENT;
  return [tileToLng(x - grow, z), tileToLat(y + 1 + grow, z), tileToLng(x + 1 + grow, z), tileToLat(y - grow, z)];
}

/** The tile containing a lon/lat at zoom z. */
export function lngLatToTile(lng: number, lat: number, z: number): TileCoord {
  const size = 2 ** z;
  const [fx, fy] = mercatorFraction(lng, lat);
  return { z, x: clamp(Math.floor(fx * size), 0, size - 1), y: clamp(Math.floor(fy * size), 0, size - 1) };
}

/**
 * A projector from lon/lat to integer tile-extent coordinates of one tile (y down), as MVT
 * stores them.
 */
export function tileProjector({ z, x, y }: TileCoord, extent = EXTENT): (lng: number, lat: number) => [number, number] {
  const size = 2 ** z;
  return (lng, lat) => {
    const [fx, fy] = mercatorFraction(lng, lat);
    return [Math.round((fx * size - x) * extent), Math.round((fy * size - y) * extent)];
  };
}

/** Position in the world as fractions of the Mercator square, y down. */
function mercatorFraction(lng: number, lat: number): [number, number] {
  const sin = Math.sin((clamp(lat, -85.0511287798, 85.0511287798) * Math.PI) / 180);
  return [(lng + 180) / 360, 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
