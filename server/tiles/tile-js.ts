import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type pg from 'pg';
import { BUFFER, EXTENT, tileBounds, tileProjector, type TileCoord } from './tile-math.js';
import { cellCentre, clusterCellsSql, clusterFields, isClustered } from './tile-clusters.js';
import type { BeatScope } from '../access/jurisdiction.js';
import { ALL_TIME, timeCondition, timeValues, type TileLayer, type TimeRange } from './tile-layers.js';
import { bindScope, scopeValues } from './tile-scope.js';

/**
 * Tiles encoded in JavaScript, for the embedded engine whose PostGIS has no protobuf (no ST_AsMVT).
 * PostGIS still selects and clips (in lon/lat: a Mercator tile is a lon/lat rectangle, so clipping
 * there equals clipping in 3857); we project to tile pixels, drop what collapses, fix ring winding
 * and encode with vt-pbf — the same layer, ids and attributes as ST_AsMVT.
 */
type Ring = [number, number][];

interface TileFeature {
  id: number;
  type: 1 | 2 | 3;
  tags: Record<string, string | number>;
  geometry: Ring | Ring[];
}

export function jsStatement(layer: TileLayer, z: number): { text: string } {
  const filter = layer.filter?.(z) ?? null;
  const attributes = Object.entries(layer.attributes).map(([name, { sql }]) => `${sql} AS "${name}"`).join(', ');
  const geom = `t.${layer.geometryColumn ?? 'geom'}`;
  const geometry = layer.geometry === 'point' ? geom : `ST_ClipByBox2D(${geom}, e.env)`;
  const text = `
    SELECT t.id, ${attributes}, ST_AsGeoJSON(${geometry}, 7) AS geojson
      FROM ${layer.table} t, (SELECT ST_MakeEnvelope($1, $2, $3, $4, 4326) AS env) e
     WHERE ${geom} && e.env ${filter ? `AND ${filter}` : ''}${timeCondition(layer, 5)}`;
  return { text: bindScope(layer, text, 5) };
}

export async function buildTileJs(pool: pg.Pool, layer: TileLayer, tile: TileCoord, range: TimeRange = ALL_TIME,
  scope: BeatScope = 'all'): Promise<Uint8Array | null> {
  if (isClustered(layer, tile.z)) return buildCellsJs(pool, layer, tile, range, scope);
  // Unnamed on purpose: behind pglite-socket every pool connection shares one engine session, so a
  // named prepared statement from one connection collides with the same name from another.
  const { text } = jsStatement(layer, tile.z);
  const rows = (await pool.query<Record<string, unknown>>({ text, values: [...tileBounds(tile, BUFFER), ...timeValues(layer, range), ...scopeValues(layer, scope)] })).rows;
  const project = tileProjector(tile);
  const features: TileFeature[] = [];
  for (const row of rows) {
    const geometry = JSON.parse(row.geojson as string) as GeoJSON.Geometry;
    const feature = toTileFeature(geometry, project);
    if (!feature) continue;
    const tags: Record<string, string | number> = {};
    for (const name of Object.keys(layer.attributes)) {
      const value = row[name];
      if (value !== null && value !== undefined) tags[name] = typeof value === 'number' ? value : String(value);
    }
    features.push({ id: Number(row.id), tags, ...feature });
  }
  if (features.length === 0) return null;
  // vt-pbf's types describe geojson-vt's tile object; we build the same shape directly.
  return fromGeojsonVt({ [layer.id]: { features } as never }, { version: 2, extent: EXTENT });
}

/** A clustered tile: the same cell rows ST_AsMVT encodes, one point per cell at its centre. */
async function buildCellsJs(pool: pg.Pool, layer: TileLayer, tile: TileCoord, range: TimeRange, scope: BeatScope): Promise<Uint8Array | null> {
  const { rows } = await pool.query<Record<string, unknown>>({
    text: bindScope(layer, clusterCellsSql(layer, tile.z), 4), values: [tile.z, tile.x, tile.y, ...timeValues(layer, range), ...scopeValues(layer, scope)],
  });
  if (rows.length === 0) return null;
  const fields = clusterFields(layer);
  const features: TileFeature[] = rows.map((row) => {
    const tags: Record<string, string | number> = {};
    for (const name of fields) {
      const value = row[name];
      if (value !== null && value !== undefined) tags[name] = typeof value === 'number' ? value : String(value);
    }
    return { id: Number(row.id), type: 1, tags, geometry: [cellCentre(Number(row.cx), Number(row.cy))] };
  });
  return fromGeojsonVt({ [layer.id]: { features } as never }, { version: 2, extent: EXTENT });
}

type Project = (lng: number, lat: number) => [number, number];

/** GeoJSON → MVT geometry in tile pixels; null when nothing is left after quantising. */
export function toTileFeature(geometry: GeoJSON.Geometry, project: Project): Pick<TileFeature, 'type' | 'geometry'> | null {
  switch (geometry.type) {
    case 'Point':
      return { type: 1, geometry: [project(geometry.coordinates[0]!, geometry.coordinates[1]!)] };
    case 'MultiPoint': {
      const points = geometry.coordinates.map(([lng, lat]) => project(lng!, lat!));
      return points.length ? { type: 1, geometry: points } : null;
    }
    case 'LineString':
    case 'MultiLineString': {
      const lines = (geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates)
        .map((line) => dedupe(line.map(([lng, lat]) => project(lng!, lat!))))
        .filter((line) => line.length >= 2);
      return lines.length ? { type: 2, geometry: lines } : null;
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      const rings: Ring[] = [];
      for (const polygon of polygons) {
        const projected = polygon.map((ring) => dedupe(ring.map(([lng, lat]) => project(lng!, lat!))));
        const outer = projected[0];
        if (!outer || outer.length < 4 || area(outer) === 0) continue;
        rings.push(orient(outer, true));
        for (const hole of projected.slice(1)) if (hole.length >= 4 && area(hole) !== 0) rings.push(orient(hole, false));
      }
      return rings.length ? { type: 3, geometry: rings } : null;
    }
    case 'GeometryCollection': {
      // ST_ClipByBox2D may return a mixed collection on edges; keep the parts of the layer's kind.
      const parts = geometry.geometries.map((part) => toTileFeature(part, project)).filter((part) => part !== null);
      if (parts.length === 0) return null;
      const type = parts[0]!.type;
      const same = parts.filter((part) => part.type === type);
      if (type === 1) return { type, geometry: same.flatMap((part) => part.geometry as Ring) };
      return { type, geometry: same.flatMap((part) => part.geometry as Ring[]) };
    }
  }
}

/** Surveyor's formula in tile pixels (y down): positive means clockwise on screen. */
function area(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return sum / 2;
}

/** MVT 2.1: exterior rings have positive area, holes negative. */
function orient(ring: Ring, exterior: boolean): Ring {
  return area(ring) > 0 === exterior ? ring : [...ring].reverse();
}

function dedupe(points: [number, number][]): [number, number][] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
}
