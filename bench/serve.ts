/** The API alone on a free port, for benchmarks (see server-process.ts). */
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/connect.js';

const config = loadConfig();
const database = await openDatabase(config);
const app = await buildApp({ database, tileCacheMb: config.tileCacheMb });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
console.log(`listening http://127.0.0.1:${address.port}`);
process.on('SIGTERM', () => {
  void app.close().then(() => database.close()).then(() => process.exit(0));
});
