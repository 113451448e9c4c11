import type { FieldSpec } from '../registers/register-spec.js';
import { REGISTERS } from '../registers/specs/index.js';
import type { FieldType, TileLayer } from './tile-layers.js';
import { scopeCondition } from './tile-scope.js';

/**
 * One tile layer per register (id = the register's id), drawn from its spec's tile attributes;
 * deleted records never reach a tile. People are the exception: never individual points — their
 * layer is per building, with counts.
 */
const LIVE = () => `t.deleted_at IS NULL AND ${scopeCondition('t.beat_id')}`;

function attribute(name: string, field: FieldSpec | undefined): { sql: string; type: FieldType } {
  const numeric = field?.kind === 'integer' || field?.kind === 'number' || field?.kind === 'ref';
  if (numeric) return { sql: `t.${name}`, type: 'Number' };
  if (field?.kind === 'datetime') return { sql: `to_char(t.${name} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`, type: 'String' };
  return { sql: `t.${name}::text`, type: 'String' };
}

/** Residents now: people who have moved out stay on record but no longer count at the address. */
const CURRENT = '(p.moved_out IS NULL OR p.moved_out > current_date)';

const residents = (condition: string) => `(SELECT count(*)::integer FROM people p JOIN standard_addresses a ON a.id = p.address_id
  WHERE a.building_id = t.id AND p.deleted_at IS NULL AND ${CURRENT} AND ${scopeCondition('p.beat_id')} ${condition})`;

const peopleLayer: TileLayer = {
  id: 'people', table: 'buildings', description: '实有人口 people per building (counts, never individuals)',
  minzoom: 13, maxzoom: 16, geometry: 'polygon',
  attributes: {
    people: { sql: residents(''), type: 'Number' },
    registered: { sql: residents("AND p.category = 'registered'"), type: 'Number' },
    floating: { sql: residents("AND p.category = 'floating'"), type: 'Number' },
    foreign: { sql: residents("AND p.category = 'foreign'"), type: 'Number' },
  },
  filter: () => `EXISTS (SELECT 1 FROM standard_addresses a JOIN people p ON p.address_id = a.id
    WHERE a.building_id = t.id AND p.deleted_at IS NULL AND ${CURRENT} AND ${scopeCondition('p.beat_id')})`,
  register: 'people',
  aggregated: true,
};

/**
 * A million cases are drawn as grid cells below z17 (see tile-clusters.ts), each with its commonest
 * offence code, so the map keeps colouring by type and the heatmap weighs cells by `count`. Hotspots
 * hold 40,000 cases in one z16 tile, so single cases come at z17–z18 (maxzoom 18).
 */
const CASE_CELLS: NonNullable<TileLayer['cluster']> = {
  belowZoom: 17,
  attributes: {
    code_system: { commonest: 'code_system', type: 'String' },
    code: { commonest: 'code', type: 'String' },
  },
};

const cameraViews: TileLayer = {
  id: 'camera-views', table: 'cameras', description: '监控视域 camera fields of view', minzoom: 14, maxzoom: 16,
  geometry: 'polygon', geometryColumn: 'view', attributes: { status: { sql: 't.status', type: 'String' } },
  filter: () => `t.deleted_at IS NULL AND t.view IS NOT NULL AND ${scopeCondition('t.beat_id')}`,
  register: 'cameras',
};

export const REGISTER_LAYERS: readonly TileLayer[] = [
  peopleLayer,
  ...REGISTERS.filter((spec) => spec.id !== 'people').map((spec): TileLayer => ({
    id: spec.id, table: spec.table, description: `${spec.title.zh} ${spec.title.en}`,
    minzoom: spec.id === 'cases' ? 11 : 12, maxzoom: spec.id === 'cases' ? 18 : 16,
    geometry: spec.geometry === 'Point' ? 'point' : spec.geometry === 'LineString' ? 'line' : 'polygon',
    attributes: Object.fromEntries(spec.tileAttributes.map((name) => [name, attribute(name, spec.fields[name])])),
    filter: LIVE,
    register: spec.id,
    ...(spec.id === 'cases' ? { cluster: CASE_CELLS, timeColumn: 'occurred_from' } : {}),
  })),
  cameraViews,
];
