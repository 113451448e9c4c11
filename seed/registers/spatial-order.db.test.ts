import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/connect.js';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import { orderBySpace } from './spatial-order.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase(1);
});
afterAll(async () => {
  await handle?.close();
});

class Rollback extends Error {}

/** Fraction of neighbouring rows (in physical order) whose geohashes are out of order. */
const inversions = (db: DatabaseHandle['db']) => sql<{ share: number; n: number }>`
  SELECT avg((g < lag)::int)::float8 AS share, count(*)::int AS n
    FROM (SELECT ST_GeoHash(geom, 9) AS g, lag(ST_GeoHash(geom, 9)) OVER (ORDER BY ctid) AS lag
            FROM cases WHERE geom IS NOT NULL) q
   WHERE lag IS NOT NULL`.execute(db);

describe('orderBySpace', () => {
  it('rewrites a table with its rows in geohash order, keeping every row and index, and skips small tables', async () => {
    await expect(handle.db.transaction().execute(async (trx) => {
      const before = (await inversions(trx)).rows[0]!;
      expect(before.share).toBeGreaterThan(0.2); // generated in time order: scattered
      const indexes = async () => (await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'cases' ORDER BY 1`.execute(trx)).rows;
      const indexesBefore = await indexes();

      expect(await orderBySpace(trx, ['cases', 'hydrants'], 1_000_000)).toEqual([]);
      expect(await orderBySpace(trx, ['cases'], 0)).toEqual(['cases']);

      const after = (await inversions(trx)).rows[0]!;
      expect(after.n).toBe(before.n);
      expect(after.share).toBe(0);
      expect(await indexes()).toEqual(indexesBefore); // the temporary geohash index is gone
      throw new Rollback();
    })).rejects.toBeInstanceOf(Rollback);
  });
});
