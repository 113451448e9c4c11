/**
 * Bulk insert for any table, the way seed/load-district.ts loads the district: each batch is one
 * INSERT … SELECT over a single JSON text parameter, capped by row count and by bytes, which works the
 * same on PostgreSQL and on the embedded engine behind the wire protocol. (load-district.ts keeps its
 * own json_to_recordset loader, typed to the district tables.)
 *
 * Differences for the registers' millions of rows: rows travel as positional arrays rather than
 * objects, points as bare lng/lat numbers built with ST_MakePoint (much cheaper than parsing GeoJSON),
 * and the next batch is serialised (and the next rows generated) while the database is still
 * inserting the previous one.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/db/schema.js';

/** `point`: [lng, lat] in the row, two numbers on the wire; `geometry`: GeoJSON. */
export type ColumnType = 'integer' | 'bigint' | 'text' | 'numeric' | 'date' | 'timestamptz' | 'text[]' | 'point' | 'geometry';
export type Columns = readonly (readonly [string, ColumnType])[];

const MAX_ROWS_PER_BATCH = 5000;
/** Bytes of JSON per statement; well under what the embedded engine's socket bridge handles comfortably. */
const MAX_BYTES_PER_BATCH = 2_000_000;

/**
 * The fixed SQL text of a table's batch insert; only the JSON payload varies. Rows travel as JSON
 * arrays of values in column order (a point as two numbers), not as objects: without the keys the
 * payload is about 40 % smaller, and the embedded engine's socket bridge moves only a few MB/s.
 * jsonb, not json: a json value is text, and each e->>i would scan the row's text again from the start.
 */
export function insertStatement(table: string, columns: Columns): { head: string; tail: string } {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  let at = 0;
  const values = columns.map(([, type]) => {
    const i = at++;
    switch (type) {
      case 'point': at++; return `ST_SetSRID(ST_MakePoint((e->>${i})::float8, (e->>${i + 1})::float8), 4326)`;
      case 'geometry': return `ST_SetSRID(ST_GeomFromGeoJSON(e->>${i}), 4326)`;
      case 'text[]': return `ARRAY(SELECT jsonb_array_elements_text(e->${i}))`;
      default: return `(e->>${i})::${type}`;
    }
  }).join(', ');
  return { head: `INSERT INTO "${table}" (${names}) SELECT ${values} FROM jsonb_array_elements(`, tail: '::jsonb) AS e' };
}

/** One row as a JSON array of its column values, in the order insertStatement reads them. */
export function rowJson(row: Record<string, unknown>, columns: Columns): string {
  const values: unknown[] = [];
  for (const [name, type] of columns) {
    const v = row[name];
    if (type === 'point') {
      const [lng, lat] = v as [number, number];
      values.push(lng, lat);
    } else values.push(v ?? null);
  }
  return JSON.stringify(values);
}

/** Rows as JSON array texts of bounded row count and size. */
export function jsonBatches(rows: readonly object[], columns: Columns): Generator<{ json: string; count: number }> {
  // UTF-16 length × 3 bounds the UTF-8 size; exact byte counts per row would cost more than they save.
  return arrayBatches(each(rows, (row) => rowJson(row as Record<string, unknown>, columns)),
    { maxRows: MAX_ROWS_PER_BATCH, maxBytes: MAX_BYTES_PER_BATCH, sizeOf: (text) => text.length * 3 });
}

/** Lazily mapped: a batch's texts are made as it fills, not all rows' at once. */
export function* each<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/**
 * JSON texts joined into JSON array texts, each at most `maxRows` items and about `maxBytes` (as
 * `sizeOf` counts them; a single larger item still goes alone). Shared by the district and register loaders.
 */
export function* arrayBatches(texts: Iterable<string>, limits: { maxRows: number; maxBytes: number; sizeOf: (text: string) => number }):
  Generator<{ json: string; count: number }> {
  let parts: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    const size = limits.sizeOf(text);
    if (parts.length > 0 && (parts.length >= limits.maxRows || bytes + size > limits.maxBytes)) {
      yield { json: `[${parts.join(',')}]`, count: parts.length };
      parts = [];
      bytes = 0;
    }
    parts.push(text);
    bytes += size + 1;
  }
  if (parts.length > 0) yield { json: `[${parts.join(',')}]`, count: parts.length };
}

/** Let queued promise work (the driver writing a query to its socket) run before going on. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Inserts batches on one connection (a transaction), keeping one statement in flight: `insert`
 * returns once the statement is on its way, so the caller can prepare the next batch meanwhile.
 * `flush` waits for the last one; an error surfaces at the next `insert` or `flush`.
 */
export class PipelinedLoader {
  private pending: Promise<unknown> = Promise.resolve();
  constructor(private readonly db: Kysely<Database>) {}

  async insert(table: string, columns: Columns, rows: readonly object[], onBatch?: (count: number) => void): Promise<void> {
    const { head, tail } = insertStatement(table, columns);
    for (const batch of jsonBatches(rows, columns)) {
      await this.pending;
      this.pending = sql`${sql.raw(head)}${batch.json}${sql.raw(tail)}`.execute(this.db).then(() => onBatch?.(batch.count));
      // Swallowed here, rethrown by the next await of `pending`; without it Node reports it unhandled.
      this.pending.catch(() => undefined);
      await yieldToEventLoop();
    }
  }

  async flush(): Promise<void> {
    await this.pending;
  }
}

/**
 * Drop the secondary indexes of empty `tables` for a bulk load and return what rebuilds them. Building
 * an index once over a million rows is much cheaper than growing it a row at a time (GiST and trigram
 * GIN indexes especially). Primary keys and constraint-backed indexes stay: foreign keys need them.
 * The definitions are read back from the catalogue, so they are exactly what the migrations created.
 */
export async function deferIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<() => Promise<void>> {
  const { rows } = await sql<{ name: string; definition: string }>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relname = ANY(${[...tables]}) AND t.relnamespace = current_schema()::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`.execute(db);
  // Per-column statistics targets (migration 0010 sets some) are not in the definition: kept aside.
  const { rows: targets } = await sql<{ name: string; column: number; target: number }>`
    SELECT a.attrelid::regclass::text AS name, a.attnum::integer AS "column", a.attstattarget::integer AS target
      FROM pg_attribute a
     WHERE a.attrelid = ANY(${rows.map((row) => row.name)}::regclass[]) AND a.attnum > 0 AND coalesce(a.attstattarget::integer, -1) >= 0`.execute(db);
  for (const { name } of rows) await sql.raw(`DROP INDEX ${name}`).execute(db);
  return async () => {
    for (const { definition } of rows) await sql.raw(definition).execute(db);
    for (const { name, column, target } of targets) await sql.raw(`ALTER INDEX ${name} ALTER COLUMN ${column} SET STATISTICS ${target}`).execute(db);
  };
}

/**
 * Statistics target for the seed's ANALYZE. The default (100) samples 30,000 rows per table and
 * evaluates every expression index on each (the search index's term function is not cheap): that
 * took longer than loading the demo registers on the embedded engine. 20 samples 6,000 rows, plenty
 * for synthetic data; on PostgreSQL autovacuum re-analyses with the server's own target later.
 */
const ANALYZE_TARGET = 20;

/** After loading explicit ids: move each identity past them, and give the planner statistics. */
export async function finishTables(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), greatest(1, (SELECT coalesce(max(id), 0) FROM ${sql.table(table)})), (SELECT count(*) > 0 FROM ${sql.table(table)}))`.execute(db);
  }
  const { rows } = await sql<{ target: string }>`SELECT current_setting('default_statistics_target') AS target`.execute(db);
  await sql`SELECT set_config('default_statistics_target', ${String(ANALYZE_TARGET)}, true)`.execute(db);
  await sql.raw(`ANALYZE ${tables.map((t) => `"${t}"`).join(', ')}`).execute(db);
  await sql`SELECT set_config('default_statistics_target', ${rows[0]?.target ?? '100'}, true)`.execute(db);
}
