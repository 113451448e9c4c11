import type pg from 'pg';
import { BUFFER, EXTENT, type TileCoord } from './tile-math.js';
import { CELL_UNITS, clusterCellsSql, clusterFields, isClustered } from './tile-clusters.js';
import type { BeatScope } from '../access/jurisdiction.js';
import { ALL_TIME, filterKey, timeCondition, timeValues, type TileLayer, type TimeRange } from './tile-layers.js';
import { bindScope, scopeValues } from './tile-scope.js';

/**
 * One parameterised statement per layer (and zoom filter) that builds the whole tile in PostgreSQL
 * with ST_AsMVT. Named, so each pooled connection parses it once and soon runs it on a generic plan.
 * Only for engines with protobuf support (real PostGIS); the embedded engine uses `tile-js.ts`.
 *
 * Except grid cells: they stay unnamed, planned on every run with the tile's z/x/y seen. A generic
 * plan cannot tell a tile's size, guesses one case where a hotspot's z15 tile holds 79,000, and
 * sorts them on disk and joins the per-cell aggregates in nested loops: 174 ms against 50 for the
 * same tile planned with its coordinates (bench scale), whose planning costs under a millisecond.
 */
export function mvtStatement(layer: TileLayer, z: number): { name?: string; text: string } {
  if (isClustered(layer, z)) {
    const fields = clusterFields(layer).map((name) => `c."${name}"`).join(', ');
    const text = `
      SELECT ST_AsMVT(q, '${layer.id}', ${EXTENT}, 'geom', 'id') AS mvt FROM (
        SELECT c.id, ${fields}, ST_Point(c.cx * ${CELL_UNITS} + ${CELL_UNITS / 2}, c.cy * ${CELL_UNITS} + ${CELL_UNITS / 2}) AS geom
          FROM (${clusterCellsSql(layer, z)}) c
      ) q`;
    return { text: bindScope(layer, text, 4) };
  }
  const filter = layer.filter?.(z) ?? null;
  const attributes = Object.entries(layer.attributes).map(([name, { sql }]) => `${sql} AS "${name}"`).join(', ');
  const margin = BUFFER / EXTENT;
  const geom = `t.${layer.geometryColumn ?? 'geom'}`;
  const text = `
    SELECT ST_AsMVT(q, '${layer.id}', ${EXTENT}, 'geom', 'id') AS mvt FROM (
      SELECT t.id, ${attributes},
             ST_AsMVTGeom(ST_Transform(${geom}, 3857), ST_TileEnvelope($1, $2, $3), ${EXTENT}, ${BUFFER}, true) AS geom
        FROM ${layer.table} t
       WHERE ${geom} && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => ${margin}), 4326)
             ${filter ? `AND ${filter}` : ''}${timeCondition(layer, 4)}
    ) q WHERE q.geom IS NOT NULL`;
  return { name: `tile_${layer.id}_${filterKey(layer, z)}`, text: bindScope(layer, text, 4) };
}

export async function buildTileSql(pool: pg.Pool, layer: TileLayer, tile: TileCoord, range: TimeRange = ALL_TIME,
  scope: BeatScope = 'all'): Promise<Uint8Array | null> {
  const { name, text } = mvtStatement(layer, tile.z);
  const result = await pool.query<{ mvt: Buffer }>({ name, text, values: [tile.z, tile.x, tile.y, ...timeValues(layer, range), ...scopeValues(layer, scope)] });
  const mvt = result.rows[0]?.mvt;
  return mvt && mvt.length > 0 ? new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.length) : null;
}
