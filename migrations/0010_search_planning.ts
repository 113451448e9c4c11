import { sql, type Kysely } from 'kysely';

/**
 * The search statement is planned on every keystroke (custom plans: the tsquery's selectivity decides
 * the plan), and planning was most of a search's cost. Two things in that planning did no good:
 *
 * - `search_terms` is a SQL function, so for every branch the planner tried to inline it: it parsed and
 *   analysed the body, found a SELECT with FROM and an aggregate, and gave up — a fifth of the
 *   backend's CPU in a search. A function with a `SET` clause is never considered for inlining, and
 *   pinning `search_path` is what a function behind an index should have anyway (its body only calls
 *   pg_catalog functions, so no schema change can alter what it returns).
 * - Each branch's `@@` estimate decompressed and walked its index's most-common-elements list: 1,000
 *   lexemes at the default statistics target. A hundred (target 10) still rank the common characters
 *   and words, which is all the estimate has to tell apart (a bitmap scan of the text index is the
 *   only sensible plan either way); rare lexemes are estimated as rare.
 *
 * Bench scale: planning 1.35–1.66 → 0.58–0.67 ms a search, execution unchanged (p95 and slowest
 * queries too). The ANALYZE makes the smaller statistics take effect now, not at the next autovacuum.
 */
const SEARCH_INDEXED_TABLES = ['people', 'premises', 'cases', 'patrol_units', 'hydrants', 'cameras', 'guard_posts',
  'organisations', 'fire_stations', 'patrol_routes', 'checkpoints', 'standard_addresses'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER FUNCTION search_terms(VARIADIC text[]) SET search_path = pg_catalog`.execute(db);
  for (const table of SEARCH_INDEXED_TABLES) {
    await sql.raw(`ALTER INDEX ${table}_search_idx ALTER COLUMN 1 SET STATISTICS 10`).execute(db);
    await sql.raw(`ANALYZE ${table}`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER FUNCTION search_terms(VARIADIC text[]) RESET search_path`.execute(db);
  for (const table of SEARCH_INDEXED_TABLES) await sql.raw(`ALTER INDEX ${table}_search_idx ALTER COLUMN 1 SET STATISTICS -1`).execute(db);
}
