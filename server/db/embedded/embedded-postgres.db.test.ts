import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseStartupError } from '../db-errors.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** These start their own embedded engines, independent of the suite's database. */
const root = mkdtempSync(join(tmpdir(), 'beat-atlas-embedded-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('embedded PostgreSQL', () => {
  it('persists data across a stop and start, and reports a crash of its process', async () => {
    const dataDir = join(root, 'persist');
    const first = await startEmbeddedPostgres({ dataDir });
    expect(first.fresh).toBe(true);
    const client = new pg.Client(first.url);
    await client.connect();
    await client.query('CREATE TABLE kept (v text)');
    await client.query(`INSERT INTO kept VALUES ('海曙')`);
    await client.end();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    expect(second.fresh).toBe(false);
    const again = new pg.Client(second.url);
    await again.connect();
    expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: '海曙' }]);
    const { rows } = await again.query(`SELECT name AS extname FROM pg_available_extensions WHERE name IN ('postgis', 'pg_trgm', 'btree_gist', 'pgcrypto') ORDER BY 1`);
    expect(rows.map((row) => row.extname)).toEqual(['btree_gist', 'pg_trgm', 'pgcrypto', 'postgis']);
    again.on('error', () => undefined);

    // A second server on the same folder is refused while the first runs.
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/is in use by another Beat Atlas server/);

    const crashed = new Promise<string>((resolve) => second.onCrash(resolve));
    process.kill(second.pid, 'SIGKILL');
    expect(await crashed).toMatch(/stopped unexpectedly \(SIGKILL\)/);
  }, 180_000);

  it('refuses to open a damaged database with one clear message', async () => {
    const dataDir = join(root, 'damaged');
    mkdirSync(join(dataDir, 'pgdata'), { recursive: true });
    writeFileSync(join(dataDir, 'beat-atlas.json'), JSON.stringify({ format: 1 }));
    writeFileSync(join(dataDir, 'pgdata', 'PG_VERSION'), 'garbage\n');
    const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartupError);
    expect((error as Error).message).toMatch(/cannot be opened .*it may be damaged: restore it from a backup or move it away/);
  }, 180_000);
});
