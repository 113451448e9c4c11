import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { DatabaseStartupError } from './db-errors.js';
import { timestamptzToIso } from './timestamp-text.js';
import { startEmbeddedPostgres } from './embedded/embedded-postgres.js';
import { InlineParamsClient } from './embedded/inline-params-client.js';
import { PreparingClient } from './prepared-statements.js';
import type { Database } from './schema.js';

export type DatabaseMode = 'embedded' | 'external';

// Values as the API shows them: ids (int8) as numbers (ours stay far below 2^53), numerics as numbers,
// dates as 'YYYY-MM-DD' (no time-zone shift), timestamps as ISO-8601 UTC strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, timestamptzToIso);

/** One database, whichever mode: the same pg pool and Kysely instance serve both. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  mode: DatabaseMode;
  /** What the engine can do; the embedded build of PostGIS has no protobuf, so no ST_AsMVT. */
  capabilities: { mvt: boolean };
  /** Set when the embedded engine's process died; reads fail with this reason until restart. */
  failure(): string | null;
  close(): Promise<void>;
}

/** Connections the API keeps to an external PostgreSQL (the benches' bare-SQL baselines use as many). */
export const EXTERNAL_POOL_SIZE = 10;

export interface OpenOptions {
  log?: (line: string) => void;
  /** Pool size; embedded mode has one backend, so more connections only queue. */
  poolSize?: number;
}

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const log = options.log ?? (() => undefined);
  if (config.databaseUrl) {
    log('database: external PostgreSQL');
    return connect(config.databaseUrl, 'external', options.poolSize ?? EXTERNAL_POOL_SIZE, async () => undefined, () => null);
  }
  log(`database: embedded PGlite + PostGIS in ${config.dataDir}`);
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
  log(`database: embedded engine ready in ${((Date.now() - started) / 1000).toFixed(1)} s${embedded.fresh ? ' (new data directory)' : ''}`);
  let failure: string | null = null;
  embedded.onCrash((reason) => {
    failure = reason;
    log(`database: ${reason}; restart the server to reopen it`);
  });
  try {
    return await connect(embedded.url, 'embedded', options.poolSize ?? 4, () => embedded.stop(), () => failure);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/**
 * Connect to a running database by URL. `mode` says what is behind it: tests reach the embedded
 * engine their global setup started through its URL, and must still see it as embedded.
 */
export function connectUrl(url: string, mode: DatabaseMode, poolSize = 4): Promise<DatabaseHandle> {
  return connect(url, mode, poolSize, async () => undefined, () => null);
}

async function connect(url: string, mode: DatabaseMode, poolSize: number, stopEngine: () => Promise<void>,
  failure: () => string | null): Promise<DatabaseHandle> {
  // Embedded: ONE connection. pglite-socket feeds every connection's protocol messages into one engine
  // session message by message, so two connections with queries in flight can interleave their
  // Parse/Bind/Execute and run each other's unnamed statements. One backend is all PGlite has anyway;
  // the pool queues requests exactly as the engine would.
  const max = mode === 'embedded' ? 1 : poolSize;
  const pool = new pg.Pool({
    connectionString: url, max, connectionTimeoutMillis: 30_000, idleTimeoutMillis: 30_000,
    // Embedded: simple query protocol only (see inline-params-client.ts for the bridge bug it avoids).
    // External: the API's statements are many and small. A parallel plan starts worker processes
    // per query (a search box keystroke paid 250 ms for one on a 1M-row register) and JIT compiles
    // per query; neither pays off for a page of 100 rows under 50 concurrent requests. The hot
    // lookups run as prepared statements (prepared-statements.ts).
    ...(mode === 'embedded' ? { Client: InlineParamsClient } : { Client: PreparingClient, options: '-c max_parallel_workers_per_gather=0 -c jit=off' }),
  });
  // An idle client losing its server (database restarted) must not crash the process; the pool drops it.
  pool.on('error', () => undefined);
  // Likewise a checked-out client whose connection drops: its query fails (and becomes a 503); the
  // client's own 'error' event must not become an uncaught exception.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await pool.query('SELECT 1');
    await ensurePostgis(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw describeConnectError(error, url);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const mvt = await sql`SELECT ST_AsMVT(t) FROM (SELECT 1 AS a, ST_AsMVTGeom(ST_Point(0, 0), ST_MakeEnvelope(-1, -1, 1, 1)) AS geom) t`
    .execute(db).then(() => true, () => false);
  return {
    db, pool, mode, capabilities: { mvt }, failure,
    close: async () => {
      await db.destroy().catch(() => undefined);
      await stopEngine();
    },
  };
}

async function ensurePostgis(pool: pg.Pool): Promise<void> {
  const installed = await pool.query(`SELECT 1 FROM pg_extension WHERE extname = 'postgis'`);
  if (installed.rowCount) return;
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    const missing = /could not open extension control file|is not available/.test((error as Error).message);
    throw new DatabaseStartupError('no-postgis', missing
      ? 'PostGIS is not installed on this PostgreSQL server; install it (Debian: apt-get install postgresql-15-postgis-3) and run CREATE EXTENSION postgis in the database'
      : `PostGIS is not enabled in this database and we may not enable it (${(error as Error).message}); ask an administrator to run CREATE EXTENSION postgis`);
  }
}

function describeConnectError(error: unknown, url: string): Error {
  if (error instanceof DatabaseStartupError) return error;
  const { code, message } = error as { code?: string; message: string };
  const where = redact(url);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return new DatabaseStartupError('unreachable', `cannot reach PostgreSQL at ${where} (${code ?? message}); is the server running and is DATABASE_URL right?`);
  }
  if (code === '28P01' || code === '28000') {
    return new DatabaseStartupError('auth-failed', `PostgreSQL at ${where} refused the login (${message}); check the user and password in DATABASE_URL`);
  }
  if (code === '3D000') {
    return new DatabaseStartupError('no-database', `${message} at ${where}; create it (createdb) or fix the database name in DATABASE_URL`);
  }
  return new DatabaseStartupError('unreachable', `cannot use PostgreSQL at ${where}: ${message}`);
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
