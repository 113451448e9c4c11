import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations/index.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Apply every pending migration, in order, each in its own transaction; safe to run any number of
 * times. Applied migrations are recorded in `kysely_migration`. Returns the names applied now.
 */
export async function migrateToLatest(db: Kysely<any>, log: (line: string) => void = () => undefined): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const pending = (await migrator.getMigrations()).filter((m) => !m.executedAt).length;
  if (pending > 0) log(`migrating: ${pending} pending migration${pending === 1 ? '' : 's'}`);
  const { error, results = [] } = await migrator.migrateToLatest();
  const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  for (const name of applied) log(`migrating: applied ${name}`);
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(error as Error).message}`);
  }
  if (pending === 0) log(`migrating: schema is up to date (${await schemaVersion(db)})`);
  return applied;
}

/** The name of the newest applied migration, or null on an empty database. */
export async function schemaVersion(db: Kysely<any>): Promise<string | null> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  const row = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db);
  return row.rows[0]?.name ?? null;
}

/** The newest migration this build knows, to tell "behind" from "ahead" databases. */
export const latestMigration = Object.keys(migrations).sort().at(-1) ?? null;
