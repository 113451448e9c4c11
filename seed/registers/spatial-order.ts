import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/db/schema.js';

/** Below this many rows a table's pages all sit in memory anyway; rewriting it buys nothing. */
export const SPATIAL_ORDER_MIN_ROWS = 100_000;

/**
 * Rewrite each large table with its rows in spatial order (geohash, a Z-order curve), the way a bulk
 * import should land. Records arrive in time order, so without this a map window's 20,000 cases sit
 * on 18,000 different heap pages (one per case) and every bbox read is random I/O; ordered, they fill
 * a few hundred. CLUSTER cannot use the registers' partial GiST indexes, so it sorts by a temporary
 * geohash index, dropped again. Production databases get the same with `CLUSTER` after an import or
 * pg_repack online (README, "Running on real PostgreSQL").
 *
 * Run before the deferred indexes are rebuilt: CLUSTER rewrites every index of the table.
 */
export async function orderBySpace<T extends string>(db: Kysely<Database>, tables: readonly T[], minRows = SPATIAL_ORDER_MIN_ROWS): Promise<T[]> {
  const ordered: T[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM ${sql.table(table)}`.execute(db);
    if ((rows[0]?.n ?? 0) < minRows) continue;
    const index = `${table}_spatial_order`;
    await sql.raw(`CREATE INDEX "${index}" ON "${table}" (ST_GeoHash(geom, 9))`).execute(db);
    await sql.raw(`CLUSTER "${table}" USING "${index}"`).execute(db);
    await sql.raw(`DROP INDEX "${index}"`).execute(db);
    ordered.push(table);
  }
  return ordered;
}
