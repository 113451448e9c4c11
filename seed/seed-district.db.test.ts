import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../server/db/connect.js';
import { openTestDatabase } from '../tests/helpers/test-database.js';
import { generateDistrict } from './district/generate-district.js';
import { DISTRICT_TABLES } from './district/types.js';
import { countDistrictRows, seedDistrict } from './seed-district.js';

// The global setup seeded the default test-scale district; these tests check what landed and leave it as it was.
let handle: DatabaseHandle;
const expected = generateDistrict({ scale: 'test' });

beforeAll(async () => {
  handle = await openTestDatabase(2);
});
afterAll(async () => {
  await handle?.close();
});

class Rollback extends Error {}

describe('seeded district', () => {
  it('holds every generated row', async () => {
    const counts = await countDistrictRows(handle.db);
    for (const table of DISTRICT_TABLES) expect(counts[table]).toBe(expected[table].length);
  });

  it('round-trips geometries and attributes', async () => {
    const building = expected.buildings[0]!;
    const row = await handle.db.selectFrom('buildings')
      .select(['door_number', 'use', 'floors', 'community_id', 'beat_id', sql<string>`ST_AsGeoJSON(geom, 7)`.as('geojson')])
      .where('id', '=', building.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.geojson).coordinates).toEqual(building.geom.coordinates);
    expect(row).toMatchObject({ door_number: building.door_number, use: building.use, floors: building.floors,
      community_id: building.community_id, beat_id: building.beat_id });
    const address = expected.standard_addresses.at(-1)!;
    const stored = await handle.db.selectFrom('standard_addresses').select(['code', 'full_address', 'parent_id'])
      .where('id', '=', address.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ code: address.code, full_address: address.full_address, parent_id: address.parent_id });
  });

  it('has valid geometries that agree with PostGIS on containment', async () => {
    const { rows } = await sql<{ invalid: number; outside: number; crossing: number; overlaps: number; misplaced: number }>`
      SELECT
        (SELECT count(*) FROM communities WHERE NOT ST_IsValid(geom))::int
          + (SELECT count(*) FROM beats WHERE NOT ST_IsValid(geom))::int
          + (SELECT count(*) FROM buildings WHERE NOT ST_IsValid(geom))::int AS invalid,
        (SELECT count(*) FROM buildings b JOIN beats t ON t.id = b.beat_id WHERE NOT ST_Within(b.geom, t.geom))::int AS outside,
        (SELECT count(*) FROM buildings b JOIN streets s ON ST_Intersects(b.geom, s.geom))::int AS crossing,
        (SELECT count(*) FROM buildings a JOIN buildings b ON a.id < b.id AND ST_Intersects(a.geom, b.geom))::int AS overlaps,
        (SELECT count(*) FROM standard_addresses a JOIN buildings b ON b.id = a.building_id
          WHERE NOT ST_Intersects(a.geom, b.geom))::int AS misplaced`.execute(handle.db);
    expect(rows[0]).toEqual({ invalid: 0, outside: 0, crossing: 0, overlaps: 0, misplaced: 0 });
  });

  it('moved every identity past the loaded ids', async () => {
    for (const table of DISTRICT_TABLES) {
      const { rows } = await sql<{ last: string | null }>`
        SELECT last_value::text AS last FROM pg_sequences
         WHERE schemaname = current_schema() AND sequencename = ${`${table}_id_seq`}`.execute(handle.db);
      expect(Number(rows[0]?.last)).toBeGreaterThanOrEqual(expected[table].length);
    }
  });

  it('leaves existing data alone without reset', async () => {
    const lines: string[] = [];
    const result = await seedDistrict(handle.db, { scale: 'demo', log: (l) => lines.push(l) });
    expect(result.seeded).toBe(false);
    expect(result.counts.standard_addresses).toBe(expected.standard_addresses.length);
    expect(lines.join('\n')).toMatch(/already hold data/);
  });

  it('replaces the district with reset, atomically', async () => {
    const lines: string[] = [];
    const other = generateDistrict({ scale: 'test', seed: 5 });
    await expect(handle.db.transaction().execute(async (trx) => {
      const result = await seedDistrict(trx, { scale: 'test', seed: 5, reset: true, log: (l) => lines.push(l) });
      expect(result.seeded).toBe(true);
      const counts = await countDistrictRows(trx);
      for (const table of DISTRICT_TABLES) expect(counts[table]).toBe(other[table].length);
      throw new Rollback('undo');
    })).rejects.toBeInstanceOf(Rollback);
    expect(lines.join('\n')).toMatch(/DELETING the existing district/);
    // Rolled back: the original district is still there.
    expect((await countDistrictRows(handle.db)).standard_addresses).toBe(expected.standard_addresses.length);
  });
});
