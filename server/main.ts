/**
 * `npm start`: validate configuration, open the database (embedded by default), migrate, seed the
 * demo district on first start, listen. Known failures end with one line saying what and how to fix
 * it; SIGINT/SIGTERM close the server, the pool and the embedded engine in that order.
 */
import { buildApp } from './app.js';
import { buildClientIfStale } from './client-build.js';
import { runCli, StartupError } from './cli/run-cli.js';
import { loadConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDistrict } from '../seed/seed-district.js';
import { ensureDemoAccounts } from '../seed/demo-accounts.js';
import { refuseDemoAccounts } from './auth/demo-accounts-guard.js';
import { maskedLogSerializers } from './http/log-serializers.js';

const say = (line: string) => console.log(`[beat-atlas] ${line}`);

await runCli(async () => {
  const started = Date.now();
  const config = loadConfig();
  const clientBuilt = buildClientIfStale(say);
  clientBuilt.catch(() => undefined); // awaited below; don't let an early failure go unhandled meanwhile
  const database = await openDatabase(config, { log: say });
  let closing = false;
  try {
    await migrateToLatest(database.db, say);
    if (config.seedOnStart) {
      await seedDistrict(database.db, { scale: 'demo', log: say });
      await ensureDemoAccounts(database.db, say); // demo mode: one account per role, passwords in README
    } else {
      await refuseDemoAccounts(database.db);
    }
    await clientBuilt;
    const app = await buildApp({
      database, clientDir: config.clientDir, tileCacheMb: config.tileCacheMb,
      logger: config.logLevel === 'silent' ? false : { level: config.logLevel, serializers: maskedLogSerializers },
    });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new StartupError(`port ${config.port} on ${config.host} is already in use; stop the other program or set PORT`);
      }
      throw error;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/ (API docs: /api/docs)`);

    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      say(`${signal}: shutting down`);
      await app.close();
      await database.close();
      say('stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    await closeQuietly(database);
    throw error;
  }
});

async function closeQuietly(database: DatabaseHandle): Promise<void> {
  await database.close().catch(() => undefined);
}
