/**
 * npm run seed -- --scale demo|bench|test [--reset] [--seed N]
 *
 * Opens the configured database (DATABASE_URL, or the embedded one under DATA_DIR), migrates it, seeds
 * the synthetic district and its registers and prints what it loaded. Bad arguments print one line
 * and exit with 2.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { SEED_USAGE, type SeedArgs, parseSeedArgs } from './seed-args.js';
import { describeRegisterCounts } from './registers/seed-registers.js';
import { describeCounts, seedDistrict } from './seed-district.js';

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(SEED_USAGE);
    return 0;
  }
  let args: SeedArgs;
  try {
    args = parseSeedArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const log = (line: string) => console.log(line);
  const started = performance.now();
  const handle = await openDatabase(loadConfig(process.env), { log });
  try {
    await migrateToLatest(handle.db, log);
    const result = await seedDistrict(handle.db, { ...args, log });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const registers = result.registers?.seeded ? `; registers: ${describeRegisterCounts(result.registers.counts)}` : '';
    if (result.seeded) console.log(`done in ${seconds} s: ${describeCounts(result.counts)}${registers}`);
    else if (registers) console.log(`done in ${seconds} s: district unchanged${registers}`);
    else console.log(`nothing seeded (${seconds} s)`);
    return 0;
  } finally {
    await handle.close();
  }
}

// Only run when executed directly (not when imported).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`seed failed: ${(error as Error).message ?? String(error)}`);
      process.exit(1);
    },
  );
}
