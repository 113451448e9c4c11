/**
 * Bulk-load generated district rows into the database.
 *
 * Each batch is one INSERT … SELECT FROM json_to_recordset($1): a single text parameter per statement
 * keeps the protocol traffic simple (no thousands of bind parameters) and works the same on real
 * PostgreSQL and on embedded PGlite behind the pg wire protocol. Batches are capped by row count and
 * by payload size so no statement carries more than a couple of megabytes. Geometries travel as
 * GeoJSON and are built server-side with ST_GeomFromGeoJSON.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../server/db/schema.js';
import { DISTRICT_TABLES, type DistrictData, type DistrictTableName } from './district/types.js';
import { arrayBatches, each } from './registers/load-rows.js';

export type LoadProgress = (table: DistrictTableName, done: number, total: number) => void;

const MAX_ROWS_PER_BATCH = 2000;
/** Bytes of JSON per statement; well under what PGlite's socket bridge handles comfortably. */
const MAX_BYTES_PER_BATCH = 2_000_000;

type ColumnType = 'integer' | 'text' | 'geometry';

/** Columns in insert order with their SQL types; geometry columns arrive as GeoJSON. */
const COLUMNS: Record<DistrictTableName, readonly (readonly [string, ColumnType])[]> = {
  districts: [['id', 'integer'], ['code', 'text'], ['name', 'text'], ['geom', 'geometry']],
  sub_districts: [['id', 'integer'], ['code', 'text'], ['name', 'text'], ['district_id', 'integer'], ['geom', 'geometry']],
  communities: [['id', 'integer'], ['code', 'text'], ['name', 'text'], ['sub_district_id', 'integer'], ['geom', 'geometry']],
  police_stations: [
    ['id', 'integer'], ['code', 'text'], ['name', 'text'], ['district_id', 'integer'], ['phone', 'text'],
    ['geom', 'geometry'], ['area', 'geometry'],
  ],
  beats: [
    ['id', 'integer'], ['code', 'text'], ['name', 'text'], ['station_id', 'integer'], ['community_id', 'integer'],
    ['officer_name', 'text'], ['officer_badge', 'text'], ['geom', 'geometry'],
  ],
  streets: [['id', 'integer'], ['name', 'text'], ['kind', 'text'], ['geom', 'geometry']],
  buildings: [
    ['id', 'integer'], ['street_id', 'integer'], ['door_number', 'text'], ['compound', 'text'], ['building_no', 'text'],
    ['use', 'text'], ['floors', 'integer'], ['units', 'integer'], ['community_id', 'integer'], ['beat_id', 'integer'],
    ['geom', 'geometry'],
  ],
  standard_addresses: [
    ['id', 'integer'], ['code', 'text'], ['level', 'text'], ['parent_id', 'integer'], ['sub_district_id', 'integer'],
    ['community_id', 'integer'], ['beat_id', 'integer'], ['street_id', 'integer'], ['building_id', 'integer'],
    ['road', 'text'], ['door_number', 'text'], ['compound', 'text'], ['building_no', 'text'], ['unit_no', 'text'],
    ['floor_no', 'integer'], ['room_no', 'text'], ['grid_code', 'text'], ['full_address', 'text'], ['geom', 'geometry'],
  ],
};

/** The fixed SQL text of one table's batch insert; only the JSON payload varies. */
function insertStatement(table: DistrictTableName): { head: string; tail: string } {
  const columns = COLUMNS[table];
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const values = columns
    .map(([name, type]) => (type === 'geometry' ? `ST_SetSRID(ST_GeomFromGeoJSON(r."${name}"::text), 4326)` : `r."${name}"`))
    .join(', ');
  const shape = columns.map(([name, type]) => `"${name}" ${type === 'geometry' ? 'json' : type}`).join(', ');
  return { head: `INSERT INTO "${table}" (${names}) SELECT ${values} FROM json_to_recordset(`, tail: `::json) AS r(${shape})` };
}

/** Split rows into JSON array texts of bounded row count and size. */
function batches(rows: readonly object[]): Generator<{ json: string; count: number }> {
  return arrayBatches(each(rows, (row) => JSON.stringify(row)),
    { maxRows: MAX_ROWS_PER_BATCH, maxBytes: MAX_BYTES_PER_BATCH, sizeOf: (text) => Buffer.byteLength(text) });
}

async function loadInto(trx: Transaction<Database> | Kysely<Database>, data: DistrictData, onProgress?: LoadProgress) {
  const counts = {} as Record<DistrictTableName, number>;
  for (const table of DISTRICT_TABLES) {
    const rows: readonly object[] = data[table];
    const { head, tail } = insertStatement(table);
    let done = 0;
    for (const batch of batches(rows)) {
      await sql`${sql.raw(head)}${batch.json}${sql.raw(tail)}`.execute(trx);
      done += batch.count;
      onProgress?.(table, done, rows.length);
    }
    if (rows.length === 0) onProgress?.(table, 0, 0);
    counts[table] = done;
  }
  // Rows came with explicit ids; move each identity past them so later inserts don't collide.
  for (const table of DISTRICT_TABLES) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(trx);
  }
  // Fresh statistics, or the planner guesses about tables that just grew from nothing.
  await sql.raw(`ANALYZE ${DISTRICT_TABLES.map((t) => `"${t}"`).join(', ')}`).execute(trx);
  return counts;
}

/**
 * Insert every row of `data` in one transaction (or in the caller's, if `db` already is one), table
 * by table in foreign-key order. The tables are expected to be empty. Returns rows inserted per table.
 */
export async function loadDistrict(
  db: Kysely<Database>, data: DistrictData, onProgress?: LoadProgress,
): Promise<Record<DistrictTableName, number>> {
  if (db.isTransaction) return loadInto(db, data, onProgress);
  return db.transaction().execute((trx) => loadInto(trx, data, onProgress));
}
