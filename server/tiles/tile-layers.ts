import { REGISTER_LAYERS } from './register-layers.js';

/**
 * The map's vector-tile layers: the base map here, the registers' in `register-layers.ts`. Each layer is one table, its attributes and the zooms it is
 * drawn at; both encoders (ST_AsMVT in PostgreSQL, JavaScript for the embedded engine) build tiles
 * from these same definitions, so they agree on names, attributes and features.
 */
export type FieldType = 'String' | 'Number';

export interface TileLayer {
  id: string;
  table: string;
  description: string;
  /** Tiles below this zoom are empty for this layer (too dense to be useful). */
  minzoom: number;
  /** The deepest zoom served with its own tiles; the client overzooms beyond it. */
  maxzoom: number;
  geometry: 'point' | 'line' | 'polygon';
  /** The geometry column drawn (default `geom`), e.g. a camera's field-of-view polygon `view`. */
  geometryColumn?: string;
  /** Attribute name → SQL expression over the table aliased `t`. The feature id is `t.id`. */
  attributes: Record<string, { sql: string; type: FieldType }>;
  /** Extra SQL condition by zoom (alias `t`), e.g. only main roads at low zoom. */
  filter?: (z: number) => string | null;
  /**
   * For point layers too dense to draw one by one: below `belowZoom` one feature per grid cell with
   * `count` and, per attribute, the commonest value of a column among the cell's records (ties: the
   * smallest value); see tile-clusters.ts.
   */
  cluster?: { belowZoom: number; attributes: Record<string, { commonest: string; type: FieldType }> };
  /** A timestamp column (alias `t`) the tile request may restrict with `?from=&to=` (cases: when it occurred). */
  timeColumn?: string;
  /**
   * The register whose jurisdiction rules apply (register layers; base layers have none). Such a layer's
   * SQL holds `$SCOPE` conditions (`scopeCondition`); each statement binds them to its last parameter.
   */
  register?: string;
  /** Features are aggregates (people per building), never one record: their reads are not audited per id. */
  aggregated?: boolean;
}

/** Days, inclusive, that a tile request keeps (YYYY-MM-DD; either end may be open). */
export interface TimeRange { from: string | null; to: string | null }

export const ALL_TIME: TimeRange = { from: null, to: null };

/**
 * The layer's time condition over parameters $first (from) and $first+1 (to), both always bound
 * (NULL = open), so one prepared statement serves every range. Empty for layers without time.
 */
export function timeCondition(layer: TileLayer, first: number): string {
  if (!layer.timeColumn) return '';
  const column = `t.${layer.timeColumn}`;
  return ` AND ($${first}::date IS NULL OR ${column} >= $${first}::date)` +
    ` AND ($${first + 1}::date IS NULL OR ${column} < $${first + 1}::date + 1)`;
}

/** The two time parameters, for layers that have them. */
export const timeValues = (layer: TileLayer, range: TimeRange): (string | null)[] => (layer.timeColumn ? [range.from, range.to] : []);


const BASE_LAYERS: readonly TileLayer[] = [
  {
    id: 'district', table: 'districts', description: '区界 district outline', minzoom: 0, maxzoom: 16, geometry: 'polygon',
    attributes: { name: { sql: 't.name', type: 'String' }, code: { sql: 't.code', type: 'String' } },
  },
  {
    id: 'communities', table: 'communities', description: '社区 communities', minzoom: 9, maxzoom: 16, geometry: 'polygon',
    attributes: {
      name: { sql: 't.name', type: 'String' }, code: { sql: 't.code', type: 'String' },
      sub_district_id: { sql: 't.sub_district_id', type: 'Number' },
    },
  },
  {
    id: 'beats', table: 'beats', description: '警务区 beats with the officer of record', minzoom: 9, maxzoom: 16, geometry: 'polygon',
    attributes: {
      name: { sql: 't.name', type: 'String' }, code: { sql: 't.code', type: 'String' },
      officer_name: { sql: "coalesce(t.officer_name, '')", type: 'String' },
      community_id: { sql: 't.community_id', type: 'Number' },
    },
  },
  {
    id: 'streets', table: 'streets', description: '道路 streets and lanes', minzoom: 9, maxzoom: 16, geometry: 'line',
    attributes: { name: { sql: 't.name', type: 'String' }, kind: { sql: 't.kind', type: 'String' } },
    // Lanes only where they can be told apart.
    filter: (z) => (z < 12 ? "t.kind = 'main'" : z < 14 ? "t.kind <> 'lane'" : null),
  },
  {
    id: 'buildings', table: 'buildings', description: '建筑 building footprints', minzoom: 13, maxzoom: 16, geometry: 'polygon',
    attributes: {
      use: { sql: 't.use', type: 'String' },
      floors: { sql: 't.floors', type: 'Number' },
      label: { sql: "coalesce(t.building_no || '幢', t.door_number || '号')", type: 'String' },
    },
  },
  {
    id: 'addresses', table: 'standard_addresses', description: '标准地址 standard addresses (doors, buildings, units)',
    minzoom: 15, maxzoom: 16, geometry: 'point',
    attributes: {
      level: { sql: 't.level', type: 'String' },
      label: { sql: "coalesce(t.unit_no || '单元', t.building_no || '幢', t.door_number || '号')", type: 'String' },
    },
    // Rooms stack on their unit's point; they are reached through the address record, not the map.
    filter: () => "t.level <> 'room'",
  },
];

export const TILE_LAYERS: readonly TileLayer[] = [...BASE_LAYERS, ...REGISTER_LAYERS];

export function tileLayer(id: string): TileLayer | undefined {
  return TILE_LAYERS.find((layer) => layer.id === id);
}

/** A short stable key of the layer's filter at zoom z, to name prepared statements. */
export function filterKey(layer: TileLayer, z: number): string {
  const filter = layer.filter?.(z);
  if (!filter) return 'all';
  let h = 0;
  for (let i = 0; i < filter.length; i++) h = (h * 31 + filter.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
