import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { connectUrl, type DatabaseMode } from '../../server/db/connect.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/db/embedded/embedded-postgres.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { seedDistrict } from '../../seed/seed-district.js';
import { seedCanary } from './canary.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseMode: DatabaseMode;
  }
}

/**
 * One real PostGIS for the test run: the embedded engine in a temporary folder by default, or the
 * server at TEST_DATABASE_URL. Migrated and loaded with the `test`-scale district, replacing what a
 * previous run left there.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  let embedded: EmbeddedPostgres | null = null;
  let dataDir: string | null = null;
  let url: string;
  if (external) {
    url = external;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'beat-atlas-test-'));
    embedded = await startEmbeddedPostgres({ dataDir, readyTimeoutMs: 240_000 });
    url = embedded.url;
  }
  const mode: DatabaseMode = external ? 'external' : 'embedded';
  const handle = await connectUrl(url, mode);
  try {
    await migrateToLatest(handle.db);
    await seedDistrict(handle.db, { scale: 'test', reset: true, log: () => undefined });
    await seedCanary(handle.db);
  } finally {
    await handle.close();
  }
  project.provide('databaseUrl', url);
  project.provide('databaseMode', mode);
  return async () => {
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
