/** `npm run db:migrate`: apply pending migrations to the configured database, then exit. */
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const handle = await openDatabase(config, { log: console.log });
  try {
    await migrateToLatest(handle.db, console.log);
  } finally {
    await handle.close();
  }
});
