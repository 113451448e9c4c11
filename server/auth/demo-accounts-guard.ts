import { sql, type Kysely } from 'kysely';
import { StartupError } from '../cli/run-cli.js';
import type { Database } from '../db/schema.js';

/**
 * Outside demo mode (SEED_ON_START=false) the demo accounts, whose passwords are published, must
 * not exist: refuse to start, in one line, while any does.
 */
export async function refuseDemoAccounts(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ username: string }>`SELECT username FROM users WHERE demo ORDER BY username`.execute(db);
  if (rows.length === 0) return;
  throw new StartupError(`demo accounts with published passwords exist (${rows.map((r) => r.username).join(', ')}) but SEED_ON_START is false, so this is not a demo; `
    + 'delete them (psql: DELETE FROM users WHERE demo) or set SEED_ON_START=true for a demo');
}
