/**
 * seedRegisters: generate every register for the district in the database and load it, streaming
 * table by table (and the two million-row registers chunk by chunk) so memory stays flat at any scale.
 *
 * Called by seedDistrict right after the district loads, in the same transaction, so a reset stays
 * atomic. Also usable on its own for a database whose district was seeded before registers existed:
 * it regenerates that district from (scale, seed) and refuses to go on unless the row counts match,
 * since every register row points at district ids.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/db/schema.js';
import { DEFAULT_SEED, generateDistrict } from '../district/generate-district.js';
import { DISTRICT_TABLES, type DistrictData, type Scale } from '../district/types.js';
import { registerTables } from './generate-registers.js';
import { PipelinedLoader, deferIndexes, finishTables } from './load-rows.js';
import { orderBySpace } from './spatial-order.js';
import { REGISTER_COLUMNS, REGISTER_TABLES, type RegisterTableName } from './types.js';

export interface SeedRegistersOptions {
  scale: Scale;
  seed?: number;
  log?: (line: string) => void;
  /** The district as generated for this (scale, seed), when the caller has it already. */
  district?: DistrictData;
  /** The day the data is "as of", YYYY-MM-DD; defaults to the fixed reference date. */
  today?: string;
}

export interface RegisterSeedResult {
  seeded: boolean;
  counts: Record<RegisterTableName, number>;
  message: string;
  /** Time spent generating rows, and the rest of the wall time (serialising, inserting, finishing). */
  generateMs: number;
  loadMs: number;
}

const PROGRESS_MIN_ROWS = 10_000;
const PROGRESS_INTERVAL_MS = 2000;
const fmt = (n: number) => n.toLocaleString('en-US');
const LABELS: Partial<Record<RegisterTableName, string>> = { guard_posts: 'guard posts', fire_hazards: 'fire hazards', fire_stations: 'fire stations', patrol_units: 'patrol units', patrol_routes: 'patrol routes' };
const label = (t: RegisterTableName) => LABELS[t] ?? t;

export function describeRegisterCounts(counts: Record<RegisterTableName, number>): string {
  return REGISTER_TABLES.map((t) => `${fmt(counts[t])} ${label(t)}`).join(', ');
}

/** True when no register table (nor the history or link tables) holds a row. */
export async function registersEmpty(db: Kysely<Database>): Promise<boolean> {
  const tables = [...REGISTER_TABLES, 'record_versions', 'record_links'];
  const { rows } = await sql.raw<{ any: boolean }>(`SELECT ${tables.map((t) => `EXISTS (SELECT 1 FROM "${t}")`).join(' OR ')} AS any`).execute(db);
  return !rows[0]?.any;
}

/**
 * Empty every register, with its history and links. Only for the seed's reset, inside its transaction.
 * The district TRUNCATE … CASCADE already empties the registers (they reference district tables), but
 * record_versions and record_links have no foreign keys, and record_versions refuses TRUNCATE by
 * trigger: the API's history is insert-only. A reset deletes every record that history describes, so
 * the trigger is switched off for this one statement and straight back on; nothing else may do this.
 */
export async function truncateRegisters(trx: Kysely<Database>): Promise<void> {
  const tables = [...REGISTER_TABLES, 'record_versions', 'record_links'].map((t) => `"${t}"`).join(', ');
  await sql`ALTER TABLE record_versions DISABLE TRIGGER record_versions_insert_only`.execute(trx);
  await sql.raw(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`).execute(trx);
  await sql`ALTER TABLE record_versions ENABLE TRIGGER record_versions_insert_only`.execute(trx);
}

async function districtMatches(db: Kysely<Database>, district: DistrictData): Promise<boolean> {
  const selects = DISTRICT_TABLES.map((t) => `(SELECT count(*) FROM "${t}")::integer AS "${t}"`).join(', ');
  const { rows } = await sql.raw<Record<string, number>>(`SELECT ${selects}`).execute(db);
  return DISTRICT_TABLES.every((t) => rows[0]?.[t] === district[t].length);
}

export async function seedRegisters(db: Kysely<Database>, options: SeedRegistersOptions): Promise<RegisterSeedResult> {
  if (!db.isTransaction) return db.transaction().execute((trx) => seedRegisters(trx, options));
  const { scale, seed = DEFAULT_SEED, log = console.log, today } = options;
  const counts = Object.fromEntries(REGISTER_TABLES.map((t) => [t, 0])) as Record<RegisterTableName, number>;
  const skip = (message: string): RegisterSeedResult => {
    log(message);
    return { seeded: false, counts, message, generateMs: 0, loadMs: 0 };
  };
  if (!(await registersEmpty(db))) return skip('register tables already hold data; left unchanged — pass --reset to replace them');
  const started = performance.now();
  const district = options.district ?? generateDistrict({ scale, seed });
  if (!options.district && !(await districtMatches(db, district))) {
    return skip(`register tables are empty, but the district in the database is not the ${scale} district of seed ${seed}; ` +
      'reseed both with --reset');
  }

  log(`generating and loading ${scale} registers (seed ${seed})…`);
  const rebuildIndexes = await deferIndexes(db, REGISTER_TABLES);
  const loader = new PipelinedLoader(db);
  let generateMs = 0;
  let lastLine = started;
  const chunks = registerTables(district, { scale, seed, today });
  for (;;) {
    const before = performance.now();
    const next = chunks.next();
    generateMs += performance.now() - before;
    if (next.done) break;
    const { table, rows, total } = next.value;
    await loader.insert(table, REGISTER_COLUMNS[table], rows, (count) => {
      counts[table] += count;
      if (total < PROGRESS_MIN_ROWS) return;
      const now = performance.now();
      if (counts[table] < total && now - lastLine < PROGRESS_INTERVAL_MS) return;
      lastLine = now;
      log(`seeding ${scale} registers: ${label(table)} ${fmt(counts[table])} / ${fmt(total)}`);
    });
  }
  await loader.flush();
  const orderStarted = performance.now();
  const ordered = await orderBySpace(db, REGISTER_TABLES);
  if (ordered.length > 0) log(`seeding ${scale} registers: stored ${ordered.map(label).join(', ')} in spatial order in ${((performance.now() - orderStarted) / 1000).toFixed(1)} s`);
  const indexStarted = performance.now();
  await rebuildIndexes();
  log(`seeding ${scale} registers: rebuilt their indexes in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`);
  await finishTables(db, REGISTER_TABLES);
  const wallMs = performance.now() - started;
  const message = `seeded ${scale} registers in ${(wallMs / 1000).toFixed(1)} s (generating ${(generateMs / 1000).toFixed(1)} s): ${describeRegisterCounts(counts)}`;
  log(message);
  return { seeded: true, counts, message, generateMs, loadMs: wallMs - generateMs };
}
