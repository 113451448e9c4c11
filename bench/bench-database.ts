import { sql } from 'kysely';
import { loadConfig } from '../server/config.js';
import { openDatabase, type DatabaseHandle } from '../server/db/connect.js';
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
  const handle = await openDatabase(config, { log: (line) => console.log(line), poolSize: 8 });
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
  console.log(`database: ${handle.mode}, ${addresses.toLocaleString('en-US')} standard addresses`);
  return handle;
}
