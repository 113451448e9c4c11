import { sql } from 'kysely';
import { loadConfig } from '../server/config.js';
import { EXTERNAL_POOL_SIZE, openDatabase, type DatabaseHandle } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { seedDistrict } from '../seed/seed-district.js';
import { registersEmpty, seedRegisters } from '../seed/registers/seed-registers.js';

/** Bench-scale data has about 300k standard addresses; anything much smaller is another scale. */
const BENCH_MIN_ADDRESSES = 200_000;

/**
 * The database a benchmark runs on: DATABASE_URL if set (the figures that count: real PostGIS), else
 * an embedded one in ./data-bench (never the demo's ./data). Seeds the bench district when empty and
 * refuses to run on a database holding another scale.
 */
export async function openBenchDatabase(): Promise<DatabaseHandle> {
  const env = { ...process.env };
  if (!env.DATABASE_URL && !env.DATA_DIR) env.DATA_DIR = './data-bench';
  const config = loadConfig(env);
  // As many connections as the API server keeps: the bare-SQL baselines run at the server's concurrency.
  const handle = await openDatabase(config, { log: (line) => console.log(line), poolSize: EXTERNAL_POOL_SIZE });
  await migrateToLatest(handle.db, (line) => console.log(line));
  const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM standard_addresses`.execute(handle.db)).rows[0]!.n);
  let seeded = false;
  if ((await count()) === 0) {
    console.log('seeding the bench district (once; later runs reuse it)…');
    await seedDistrict(handle.db, { scale: 'bench', log: (line) => console.log(line) });
    seeded = true;
  } else if (await registersEmpty(handle.db)) {
    await seedRegisters(handle.db, { scale: 'bench', log: (line) => console.log(line) });
    seeded = true;
  }
  if (seeded) {
    // A fresh bulk load has no visibility map and unset hint bits: the first reads of every page
    // would write. Production databases are vacuumed; measure one that is.
    console.log('vacuuming after the load…');
    await sql`VACUUM ANALYZE`.execute(handle.db);
  }
  const addresses = await count();
  if (addresses < BENCH_MIN_ADDRESSES) {
    await handle.close();
    throw new Error(`this database holds ${addresses} standard addresses, not the bench scale; ` +
      'use an empty database or run `npm run seed -- --scale bench --reset` on it first');
  }
  if (handle.mode === 'external' && (await ssdTuning(handle))) {
    await handle.close();
    return openBenchDatabase(); // new sessions take the database's new setting
  }
  console.log(`database: ${handle.mode}, ${addresses.toLocaleString('en-US')} standard addresses`);
  if (handle.mode === 'external') {
    const { rows } = await sql<{ buffers: string; cost: string; version: string }>`
      SELECT current_setting('shared_buffers') AS buffers, current_setting('random_page_cost') AS cost, current_setting('server_version') AS version`.execute(handle.db);
    console.log(`PostgreSQL ${rows[0]!.version}: shared_buffers ${rows[0]!.buffers}, random_page_cost ${rows[0]!.cost}`);
  }
  return handle;
}

/**
 * Tune the database as a production server on SSDs is (README, "Running on real PostgreSQL"): with
 * the default random_page_cost of 4 (spinning disks) the planner sorts 30,000 cases at a busy address
 * for a links page of 200 instead of reading them in order from the (address_id, id) index.
 * True when the setting was changed (it applies to sessions opened after).
 */
async function ssdTuning(handle: DatabaseHandle): Promise<boolean> {
  const { rows } = await sql<{ cost: string; db: string }>`SELECT current_setting('random_page_cost') AS cost, current_database() AS db`.execute(handle.db);
  if (Number(rows[0]!.cost) <= 1.1) return false;
  console.log(`tuning for SSDs: ALTER DATABASE "${rows[0]!.db}" SET random_page_cost = 1.1`);
  await sql.raw(`ALTER DATABASE "${rows[0]!.db.replace(/"/g, '""')}" SET random_page_cost = 1.1`).execute(handle.db);
  return true;
}
