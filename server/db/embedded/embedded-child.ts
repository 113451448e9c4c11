/**
 * The embedded database process: PGlite + PostGIS behind the Postgres wire protocol on a local port,
 * so the server talks to it with the same `pg` pool as to a real PostgreSQL. It runs in its own process
 * because PGlite is single-threaded WASM: long queries must not stall the API's event loop, and a crash
 * of the engine must not take the API down silently (the parent sees the exit and reports it).
 *
 * Protocol with the parent (IPC): parent → child `{ type: 'stop' }`; child → parent
 * `{ type: 'ready', port }` or `{ type: 'failed', code, message }`.
 */
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; code: 'open-failed' | 'listen-failed'; message: string };

const pgdataDir = process.env.BEAT_ATLAS_PGDATA;
const send = (message: ChildMessage) => process.send?.(message);

async function main(): Promise<void> {
  if (!pgdataDir) throw new Error('BEAT_ATLAS_PGDATA is not set');
  let db: PGlite;
  try {
    db = await PGlite.create(pgdataDir, { extensions: { postgis, pg_trgm, btree_gist, pgcrypto } });
    await db.query('SELECT 1');
  } catch (error) {
    send({ type: 'failed', code: 'open-failed', message: (error as Error).message });
    process.exit(3);
  }
  // One engine, many wire connections: the socket server queues them and keeps a connection's
  // transaction exclusive until it ends.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  try {
    await server.start();
  } catch (error) {
    send({ type: 'failed', code: 'listen-failed', message: (error as Error).message });
    await db.close();
    process.exit(4);
  }
  const port = Number(server.getServerConn().split(':').pop());

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    // Closing PGlite flushes its files; skipping this is what damages a data directory.
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: { type?: string }) => { if (message?.type === 'stop') void stop(); });
  // The parent died without asking: close cleanly rather than linger as an orphan holding the files.
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => undefined); // the parent handles Ctrl-C and then asks us to stop
  send({ type: 'ready', port });
}

void main().catch((error: Error) => {
  send({ type: 'failed', code: 'open-failed', message: error.message });
  process.exit(5);
});
