import { sql, type Kysely } from 'kysely';

/**
 * Indexes for following references backwards ("the inspections of this premises", "the cases at
 * this premises"): a record's links page reads every reference to it, which without these is a scan
 * of the referring table (1M cases at bench scale).
 */
const REFERENCES: [string, string][] = [
  ['houses', 'landlord_id'],
  ['premises', 'responsible_person_id'],
  ['fire_hazards', 'premises_id'],
  ['patrol_units', 'home_beat_id'],
  ['patrol_routes', 'unit_id'],
  ['checkpoints', 'route_id'],
  ['cases', 'premises_id'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of REFERENCES) {
    await sql.raw(`CREATE INDEX ${table}_${column}_idx ON ${table} (${column}) WHERE deleted_at IS NULL`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of REFERENCES) await sql.raw(`DROP INDEX IF EXISTS ${table}_${column}_idx`).execute(db);
}
