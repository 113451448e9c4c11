import { sql, type Kysely } from 'kysely';

/**
 * One search box over the registers: `search_terms(VARIADIC text[])` turns text into lexemes —
 * overlapping character pairs of every non-ASCII (Chinese) run, and every ASCII letter/digit run as
 * a whole lower-case word — built with array_to_tsvector, so no text-search parser or locale is
 * involved and it behaves the same on PostgreSQL and on the embedded engine. Each searchable table
 * gets a GIN index on the expression its queries use (server/search/search-columns.ts).
 */
const INDEXED: [string, string[]][] = [
  ['people', ['name', 'id_number', 'phone']],
  ['premises', ['name', 'licence_no', 'credit_code']],
  ['cases', ['case_no']],
  ['patrol_units', ['call_sign']],
  ['hydrants', ['code']],
  ['cameras', ['name']],
  ['guard_posts', ['name']],
  ['organisations', ['name']],
  ['fire_stations', ['name']],
  ['patrol_routes', ['name']],
  ['checkpoints', ['name']],
  ['standard_addresses', ['full_address']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION search_terms(VARIADIC parts text[]) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT array_to_tsvector(coalesce(array_agg(DISTINCT term), '{}'::text[])) FROM (
        SELECT word AS term
          FROM unnest(parts) AS part, regexp_split_to_table(lower(coalesce(part, '')), '[^0-9a-z]+') AS word
         WHERE word <> ''
        UNION ALL
        SELECT CASE WHEN length(run) = 1 THEN run ELSE substr(run, i, 2) END
          FROM unnest(parts) AS part,
               regexp_matches(lower(coalesce(part, '')), '[^\u0001-\u007f]+', 'g') AS m,
               LATERAL (SELECT m[1] AS run) AS r,
               generate_series(1, greatest(length(r.run) - 1, 1)) AS i
      ) terms $fn$`.execute(db);

  for (const [table, columns] of INDEXED) {
    await sql.raw(`CREATE INDEX ${table}_search_idx ON ${table} USING gin (search_terms(${columns.join(', ')}))`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table] of INDEXED) await sql.raw(`DROP INDEX IF EXISTS ${table}_search_idx`).execute(db);
  await sql`DROP FUNCTION IF EXISTS search_terms(text[])`.execute(db);
}
