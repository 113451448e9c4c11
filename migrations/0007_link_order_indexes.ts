import { sql, type Kysely } from 'kysely';

/**
 * A links page lists, per kind, the first 200 records (by id) at the same address or referring to
 * this one. At a busy address (a station square: 30,000 cases) an index on the address alone finds
 * all 30,000 and sorts them for 200; with the id as the second column the index yields them in id
 * order and the scan stops at 200. Replaces the single-column indexes (the new ones serve every use
 * of the old: equality on the first column).
 */
const TABLES = [
  'people', 'houses', 'premises', 'inspections', 'cameras', 'guard_posts', 'volunteers', 'organisations', 'hydrants',
  'fire_hazards', 'fire_stations', 'patrol_units', 'patrol_routes', 'checkpoints', 'cases',
];

/** [table, column, old index name, partial?] of reference columns followed backwards. */
const REFERENCES: [string, string, string, boolean][] = [
  ['houses', 'landlord_id', 'houses_landlord_id_idx', true],
  ['premises', 'responsible_person_id', 'premises_responsible_person_id_idx', true],
  ['inspections', 'premises_id', 'inspections_premises_idx', false],
  ['volunteers', 'person_id', 'volunteers_person_idx', false],
  ['fire_hazards', 'premises_id', 'fire_hazards_premises_id_idx', true],
  ['patrol_units', 'home_beat_id', 'patrol_units_home_beat_id_idx', true],
  ['patrol_routes', 'unit_id', 'patrol_routes_unit_id_idx', true],
  ['checkpoints', 'route_id', 'checkpoints_route_id_idx', true],
  ['cases', 'premises_id', 'cases_premises_id_idx', true],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql.raw(`DROP INDEX IF EXISTS ${table}_address_idx`).execute(db);
    await sql.raw(`CREATE INDEX ${table}_address_idx ON ${table} (address_id, id)`).execute(db);
  }
  for (const [table, column, old, partial] of REFERENCES) {
    await sql.raw(`DROP INDEX IF EXISTS ${old}`).execute(db);
    await sql.raw(`CREATE INDEX ${table}_${column}_idx ON ${table} (${column}, id)${partial ? ' WHERE deleted_at IS NULL' : ''}`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql.raw(`DROP INDEX IF EXISTS ${table}_address_idx`).execute(db);
    await sql.raw(`CREATE INDEX ${table}_address_idx ON ${table} (address_id)`).execute(db);
  }
  for (const [table, column, old, partial] of REFERENCES) {
    await sql.raw(`DROP INDEX IF EXISTS ${table}_${column}_idx`).execute(db);
    await sql.raw(`CREATE INDEX ${old} ON ${table} (${column})${partial ? ' WHERE deleted_at IS NULL' : ''}`).execute(db);
  }
}
