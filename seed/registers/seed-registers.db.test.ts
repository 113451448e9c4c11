import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/connect.js';
import { checkIdNumber } from '../../server/registers/validation/identifiers.js';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import { DEFAULT_SEED, generateDistrict } from '../district/generate-district.js';
import { generateRegisters } from './generate-registers.js';
import { seedRegisters, truncateRegisters } from './seed-registers.js';
import { REGISTER_TABLES } from './types.js';

// The global setup seeded the test-scale district and its registers (seedDistrict with reset). Other
// test files add records of their own through the API; those have ids past the seeded ones, so every
// check here looks at ids 1..n of what the generator made.
let handle: DatabaseHandle;
const expected = generateRegisters(generateDistrict({ scale: 'test' }), { scale: 'test', seed: DEFAULT_SEED });
const seeded = (table: (typeof REGISTER_TABLES)[number]) => expected[table].length;

beforeAll(async () => {
  handle = await openTestDatabase(2);
});
afterAll(async () => {
  await handle?.close();
});

class Rollback extends Error {}

describe('seeded registers', () => {
  it.each(REGISTER_TABLES)('%s: every generated row, with jurisdiction and geometry', async (table) => {
    const { rows } = await sql<{ n: number; unplaced: number }>`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE community_id IS NULL OR beat_id IS NULL OR geom IS NULL OR NOT ST_IsValid(geom))::int AS unplaced
        FROM ${sql.table(table)} WHERE id <= ${seeded(table)}`.execute(handle.db);
    expect(seeded(table)).toBeGreaterThan(0);
    expect(rows[0]).toEqual({ n: seeded(table), unplaced: 0 });
  });

  it.each(REGISTER_TABLES)('%s: the jurisdiction given is the one PostGIS derives', async (table) => {
    // A sample of about 100 rows per register, placed the way the insert trigger would place them.
    const step = Math.max(1, Math.floor(seeded(table) / 100));
    const { rows } = await sql<{ checked: number; wrong: number }>`
      SELECT count(*)::int AS checked,
             count(*) FILTER (WHERE r.beat_id IS DISTINCT FROM (SELECT b.id FROM beats b
                 WHERE ST_Intersects(b.geom, ST_PointOnSurface(r.geom)) ORDER BY b.id LIMIT 1)
               OR r.community_id IS DISTINCT FROM (SELECT c.id FROM communities c
                 WHERE ST_Intersects(c.geom, ST_PointOnSurface(r.geom)) ORDER BY c.id LIMIT 1))::int AS wrong
        FROM ${sql.table(table)} r WHERE r.id <= ${seeded(table)} AND r.id % ${step} = 0`.execute(handle.db);
    expect(rows[0]!.checked).toBeGreaterThan(0);
    expect(rows[0]!.wrong).toBe(0);
  });

  it('satisfies every CHECK constraint of the register tables', async () => {
    const { rows: checks } = await sql<{ table: string; name: string; def: string }>`
      SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c WHERE c.contype = 'c' AND c.conrelid::regclass::text = ANY(${[...REGISTER_TABLES]})`.execute(handle.db);
    expect(checks.length).toBeGreaterThan(40);
    for (const check of checks) {
      // Enforced on insert already; evaluating each again over the rows shows none was bypassed.
      const condition = check.def.replace(/^CHECK /, '');
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(check.table)} WHERE NOT ${sql.raw(condition)}`.execute(handle.db);
      expect(rows[0]!.n, `${check.table}.${check.name}`).toBe(0);
    }
  });

  it('stores people as generated, with valid ID numbers', async () => {
    const person = expected.people.find((p) => p.id_number && p.care_tags.length === 0 && p.phone)!;
    const row = await handle.db.selectFrom('people' as never).select(sql<Record<string, unknown>>`
      row_to_json((SELECT x FROM (SELECT name, gender, birth_date::text AS birth_date, id_number, phone, category,
        moved_in::text AS moved_in, address_id, beat_id, ST_X(geom) AS lng, ST_Y(geom) AS lat) x))`.as('p'))
      .where(sql.ref('id'), '=', person.id).executeTakeFirstOrThrow() as { p: Record<string, unknown> };
    expect(row.p).toEqual({
      name: person.name, gender: person.gender, birth_date: person.birth_date, id_number: person.id_number, phone: person.phone,
      category: person.category, moved_in: person.moved_in, address_id: person.address_id, beat_id: person.beat_id,
      lng: person.geom[0], lat: person.geom[1],
    });
    const { rows } = await sql<{ id_number: string }>`SELECT id_number FROM people WHERE id <= ${seeded('people')} AND id_number IS NOT NULL`.execute(handle.db);
    expect(rows.every((r) => checkIdNumber(r.id_number) === null)).toBe(true);
  });

  it('has camera views that are valid sectors at the camera', async () => {
    const { rows } = await sql<{ bad: number }>`
      SELECT count(*) FILTER (WHERE view IS NULL OR NOT ST_IsValid(view) OR NOT ST_Intersects(view, geom))::int AS bad
        FROM cameras WHERE id <= ${seeded('cameras')}`.execute(handle.db);
    expect(rows[0]!.bad).toBe(0);
  });

  it('moved every identity past the seeded ids', async () => {
    for (const table of REGISTER_TABLES) {
      const { rows } = await sql<{ last: string | null }>`
        SELECT last_value::text AS last FROM pg_sequences
         WHERE schemaname = current_schema() AND sequencename = ${`${table}_id_seq`}`.execute(handle.db);
      expect(Number(rows[0]?.last), table).toBeGreaterThanOrEqual(seeded(table));
    }
  });

  it('leaves registers that hold data alone', async () => {
    const lines: string[] = [];
    const result = await seedRegisters(handle.db, { scale: 'test', log: (l) => lines.push(l) });
    expect(result.seeded).toBe(false);
    expect(lines.join('\n')).toMatch(/already hold data/);
  });

  it('empties registers, history and links on reset, keeping the history insert-only', async () => {
    await expect(handle.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO record_links (link_type, from_register, from_id, to_register, to_id, created_by)
        VALUES ('test', 'people', 1, 'cases', 1, 'test')`.execute(trx);
      await sql`INSERT INTO record_versions (register, record_id, version, action, actor, source, changes, snapshot)
        VALUES ('people', 1, 99, 'update', 'test', 'system', '{}', '{}')`.execute(trx);
      await truncateRegisters(trx);
      const { rows } = await sql<{ n: number }>`
        SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM cases) + (SELECT count(*) FROM record_versions)
             + (SELECT count(*) FROM record_links) AS n`.execute(trx);
      expect(Number(rows[0]!.n)).toBe(0);
      const { rows: trigger } = await sql<{ enabled: string }>`
        SELECT tgenabled AS enabled FROM pg_trigger WHERE tgname = 'record_versions_insert_only'`.execute(trx);
      expect(trigger[0]!.enabled).toBe('O');
      throw new Rollback('undo');
    })).rejects.toBeInstanceOf(Rollback);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM people WHERE id <= ${seeded('people')}`.execute(handle.db);
    expect(rows[0]!.n).toBe(seeded('people'));
  });
});
