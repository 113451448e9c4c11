import { EXTENT } from './tile-math.js';
import { timeCondition, type FieldType, type TileLayer } from './tile-layers.js';

/**
 * Dense point layers as grid cells. A z14 tile over the old town holds 200,000 cases: as points that
 * is a 3 MB tile no browser draws usefully and no cache serves quickly. Below the layer's
 * `cluster.belowZoom` each tile is a 64 × 64 grid (64 tile units = 8 px on a 512 px tile) and carries
 * one feature per occupied cell: at the cell's centre, with `count` and the cell's aggregates.
 *
 * Both encoders read the same cell rows from PostgreSQL, and cell centres are whole tile units, so
 * ST_AsMVT and the JavaScript encoder produce identical tiles.
 */
export const CELL_UNITS = 64;
const CELLS = EXTENT / CELL_UNITS;

export function isClustered(layer: TileLayer, z: number): boolean {
  return layer.cluster !== undefined && z < layer.cluster.belowZoom;
}

/** Every attribute a layer's tiles can carry, single features' and cells' (TileJSON `fields`). */
export function tileFields(layer: TileLayer): Record<string, FieldType> {
  const fields: Record<string, FieldType> = Object.fromEntries(Object.entries(layer.attributes).map(([name, { type }]) => [name, type]));
  if (layer.cluster) {
    fields.count = 'Number';
    for (const [name, { type }] of Object.entries(layer.cluster.attributes)) fields[name] = type;
  }
  return fields;
}

/** Attributes of a clustered tile's features: `count`, then the layer's cluster aggregates. */
export function clusterFields(layer: TileLayer): string[] {
  return ['count', ...Object.keys(layer.cluster?.attributes ?? {})];
}

/**
 * Rows (id = lowest record id in the cell, cx, cy from the tile's top-left, count, aggregates) for
 * tile ($1, $2, $3) = (z, x, y) and time range ($4, $5) for layers with time. Only records inside the
 * tile itself: a cell belongs to one tile.
 *
 * The records are counted once per cell and combination of the aggregated columns (a hash
 * aggregate), and each commonest value is picked from those few thousand counts. `mode() WITHIN
 * GROUP` per cell said the same but sorted all the records — 200,000 in a hotspot's z14 tile, past
 * work_mem and onto disk. Cells come in row-major order, so both encoders write them alike.
 */
export function clusterCellsSql(layer: TileLayer, z: number): string {
  const cluster = layer.cluster;
  if (!cluster) throw new Error(`layer ${layer.id} has no clusters`);
  const filter = layer.filter?.(z) ?? null;
  const geom = `t.${layer.geometryColumn ?? 'geom'}`;
  const attributes = Object.entries(cluster.attributes);
  const columns = attributes.map(([, { commonest }], i) => `, t."${commonest}" AS a${i}`).join('');
  const groupBy = attributes.map((_, i) => `, a${i}`).join('');
  // Cell indices straight from lon/lat with the Web Mercator formulas (the same maths as
  // tile-math.ts), so no per-row ST_Transform: at z11 a tile aggregates the whole million. Per row
  // only lon·kx + bx and by − asinh(tan(lat))·ky (asinh(tan φ) = ln(tan φ + sec φ): one ST_Y call);
  // kx, bx, ky, by depend on the tile alone and fold into constants, as both encoders run this
  // statement unnamed, planned with $1–$3 seen (see tile-sql.ts for why it is never prepared).
  const cellsAcross = `(${CELLS} * power(2.0::float8, $1::integer))`;
  const kx = `(${cellsAcross} / 360.0)`;
  const bx = `(${cellsAcross} / 2.0 - $2::integer * ${CELLS})`;
  const ky = `(${cellsAcross} / (2.0 * pi()))`;
  const by = `(${cellsAcross} / 2.0 - $3::integer * ${CELLS})`;
  const cell = (index: string) => `least(${CELLS - 1}, greatest(0, floor(${index})))::integer`;
  const commonest = attributes.map((_, i) => `,
    m${i} AS (SELECT DISTINCT ON (cx, cy) cx, cy, a${i} FROM (SELECT cx, cy, a${i}, sum(n) AS n FROM g GROUP BY cx, cy, a${i}) q
               ORDER BY cx, cy, n DESC, a${i})`).join('');
  const joins = attributes.map((_, i) => ` JOIN m${i} USING (cx, cy)`).join('');
  const selected = attributes.map(([name], i) => `, m${i}.a${i} AS "${name}"`).join('');
  return `
    WITH g AS (
      SELECT cx, cy${groupBy}, count(*) AS n, min(id) AS id
        FROM (SELECT t.id${columns},
                     ${cell(`ST_X(${geom}) * ${kx} + ${bx}`)} AS cx,
                     ${cell(`${by} - asinh(tan(radians(ST_Y(${geom})))) * ${ky}`)} AS cy
                FROM ${layer.table} t
               WHERE ${geom} && ST_Transform(ST_TileEnvelope($1::integer, $2::integer, $3::integer), 4326) ${filter ? `AND ${filter}` : ''}${timeCondition(layer, 4)}) t
       GROUP BY cx, cy${groupBy}
    )${commonest}
    SELECT c.id, c.cx, c.cy, c.count${selected}
      FROM (SELECT cx, cy, min(id) AS id, sum(n)::integer AS count FROM g GROUP BY cx, cy) c${joins}
     ORDER BY c.cy, c.cx`;
}

/** A cell's centre in tile units. */
export const cellCentre = (cx: number, cy: number): [number, number] => [cx * CELL_UNITS + CELL_UNITS / 2, cy * CELL_UNITS + CELL_UNITS / 2];
