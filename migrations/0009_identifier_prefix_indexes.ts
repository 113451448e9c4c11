import { sql, type Kysely } from 'kysely';

/**
 * Identifiers typed into the search box are looked up by prefix in btree order (search-service.ts):
 * `lower(column) LIKE 'a3302%'` walked in `text_pattern_ops` order stops at the first hits, where the
 * text index had to gather every lexeme with that prefix — all million ID numbers start with 33,
 * all million case numbers with A3302: 450–750 ms a keystroke at bench scale.
 */
const IDENTIFIER_INDEXES: [table: string, column: string][] = [
  ['people', 'id_number'],
  ['people', 'phone'],
  ['cases', 'case_no'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of IDENTIFIER_INDEXES) {
    await sql.raw(`CREATE INDEX ${table}_${column}_prefix_idx ON ${table} (lower(${column}) text_pattern_ops) WHERE deleted_at IS NULL`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of IDENTIFIER_INDEXES) await sql.raw(`DROP INDEX IF EXISTS ${table}_${column}_prefix_idx`).execute(db);
}
