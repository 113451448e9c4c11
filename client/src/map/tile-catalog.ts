import type { SourceSpecification } from 'maplibre-gl';

/**
 * The zooms each vector-tile layer is served at, as the server defines them (server/tiles/): the
 * sources are written straight into the style with their tile URL, so the map asks for tiles at once
 * instead of first fetching one TileJSON per layer — 22 round trips before the first tile. A test
 * (tile-catalog.test.ts) compares this table with the server's, so the two cannot drift apart.
 * `maxzoom` matters: beyond it MapLibre overzooms the deepest tiles instead of asking for empty ones.
 */
export const TILE_CATALOG: Readonly<Record<string, { minzoom: number; maxzoom: number }>> = {
  district: { minzoom: 0, maxzoom: 16 },
  communities: { minzoom: 9, maxzoom: 16 },
  beats: { minzoom: 9, maxzoom: 16 },
  streets: { minzoom: 9, maxzoom: 16 },
  buildings: { minzoom: 13, maxzoom: 16 },
  addresses: { minzoom: 15, maxzoom: 16 },
  people: { minzoom: 13, maxzoom: 16 },
  houses: { minzoom: 12, maxzoom: 16 },
  premises: { minzoom: 12, maxzoom: 16 },
  inspections: { minzoom: 12, maxzoom: 16 },
  cameras: { minzoom: 12, maxzoom: 16 },
  'camera-views': { minzoom: 14, maxzoom: 16 },
  'guard-posts': { minzoom: 12, maxzoom: 16 },
  volunteers: { minzoom: 12, maxzoom: 16 },
  organisations: { minzoom: 12, maxzoom: 16 },
  hydrants: { minzoom: 12, maxzoom: 16 },
  'fire-hazards': { minzoom: 12, maxzoom: 16 },
  'fire-stations': { minzoom: 12, maxzoom: 16 },
  'patrol-units': { minzoom: 12, maxzoom: 16 },
  'patrol-routes': { minzoom: 12, maxzoom: 16 },
  checkpoints: { minzoom: 12, maxzoom: 16 },
  cases: { minzoom: 11, maxzoom: 18 },
};

/** The MVT URL template of a layer on `origin` (an absolute http(s) URL). */
export function tileUrlTemplate(origin: string, layer: string, query = ''): string {
  const base = new URL(origin);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`origin must be http(s): ${origin}`);
  return `${base.origin}/api/tiles/${encodeURIComponent(layer)}/{z}/{x}/{y}.mvt${query}`;
}

/** A vector source with its tiles inline (no TileJSON request). */
export function vectorSource(origin: string, layer: string): SourceSpecification {
  const zooms = TILE_CATALOG[layer];
  if (!zooms) throw new Error(`unknown tile layer "${layer}"`);
  return { type: 'vector', tiles: [tileUrlTemplate(origin, layer)], minzoom: zooms.minzoom, maxzoom: zooms.maxzoom };
}
