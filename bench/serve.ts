/** The API alone on a free port, for benchmarks (see server-process.ts). */
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/connect.js';

const config = loadConfig();
const database = await openDatabase(config);
const app = await buildApp({
  database, tileCacheMb: config.tileCacheMb,
  // A benchmark is one user (the bench account, bench-session.ts) searching at machine speed: the
  // search bench sends ~400 req/s, far past the per-user limit meant for people typing (600/min) and
  // scripts harvesting residents. Lift it here so the bench measures search, not the 429 path.
  auth: { searchPerUser: { limit: 1e9, windowMs: 60_000 } },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
console.log(`listening http://127.0.0.1:${address.port}`);
process.on('SIGTERM', () => {
  void app.close().then(() => database.close()).then(() => process.exit(0));
});
