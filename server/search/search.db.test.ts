import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { createRecord, validBody } from '../../tests/helpers/register-fixtures.js';
import { idNumberCheckDigit } from '../registers/validation/identifiers.js';
import { useTestApp } from '../../tests/helpers/test-app.js';
import { registerById } from '../registers/specs/index.js';
import { IDENTIFIER_COLUMNS, SEARCH_COLUMNS } from './search-columns.js';
import { searchStatement } from './search-service.js';
import { identifierPrefix, toTsquery } from './search-query.js';

let app: FastifyInstance;
useTestApp((built) => { app = built; });

const find = async (q: string) => (await app.inject(`/api/search?q=${encodeURIComponent(q)}&limit=20`)).json() as {
  groups: { register: string; hits: { id: number; label: string }[] }[];
};
const idsIn = (result: Awaited<ReturnType<typeof find>>, register: string) =>
  result.groups.find((group) => group.register === register)?.hits.map((hit) => hit.id) ?? [];

describe('GET /api/search', () => {
  it('finds a person by name, ID number and phone; a case by number; premises by name', async () => {
    const people = registerById('people')!;
    const body: Record<string, unknown> = { ...(await validBody(app, people)), name: '欧阳晓梅', phone: '13957412345' };
    const person = await createRecord(app, people, body); // its response masks the ID number: search by the one sent
    expect(idsIn(await find('欧阳晓梅'), 'people')).toContain(person.id);
    expect(idsIn(await find('阳晓梅'), 'people')).toContain(person.id);
    expect(idsIn(await find(String(body.id_number)), 'people')).toContain(person.id);
    expect(idsIn(await find(String(body.id_number).slice(0, 16)), 'people')).toContain(person.id);
    expect(idsIn(await find('13957412345'), 'people')).toContain(person.id);

    const cases = registerById('cases')!;
    const kase = await createRecord(app, cases, { ...(await validBody(app, cases)), case_no: 'A330203202611070001' });
    expect(idsIn(await find('A330203202611070001'), 'cases')).toEqual([kase.id]);

    const premises = registerById('premises')!;
    const shop = await createRecord(app, premises, { ...(await validBody(app, premises)), name: '望春便利店' });
    expect(idsIn(await find('便利店'), 'premises')).toContain(shop.id);
  });

  it('finds identifiers as they are typed, by prefix, the exact one first', async () => {
    const cases = registerById('cases')!;
    const base = `Z${randomInt(1e8)}`;
    const made = new Map<string, number>();
    for (const caseNo of [`${base}7`, base, `${base}05`]) made.set(caseNo, (await createRecord(app, cases, { ...(await validBody(app, cases)), case_no: caseNo })).id);
    expect(idsIn(await find(base), 'cases')).toEqual([base, `${base}05`, `${base}7`].map((caseNo) => made.get(caseNo)));
    expect(idsIn(await find(base.slice(0, -1).toLowerCase()), 'cases')).toEqual(expect.arrayContaining([...made.values()]));
    expect(idsIn(await find(`${base}0`), 'cases')).toEqual([made.get(`${base}05`)]);

    // A person whose ID number and phone share the prefix typed is listed once.
    const people = registerById('people')!;
    const first17 = `13010219800315${String(randomInt(1000)).padStart(3, '0')}`;
    const idNumber = first17 + idNumberCheckDigit(first17);
    const person = await createRecord(app, people, { ...(await validBody(app, people)), id_number: idNumber, phone: idNumber.slice(0, 11) });
    const hits = idsIn(await find(idNumber.slice(0, 10)), 'people');
    expect(hits.filter((id) => id === person.id)).toHaveLength(1);
    // Words without digits (a foreign resident's name) still go to the text index.
    const foreign = await createRecord(app, people, { ...(await validBody(app, people)), name: `Mxyzq Tolland${randomInt(1e6)}` });
    expect(idsIn(await find('mxyzq'), 'people')).toContain(foreign.id);
  });

  it('looks an identifier being typed up in its prefix index, not the text index', async () => {
    const client = await app.database.pool.connect();
    try {
      await client.query(`PREPARE search_plan(text, text, integer, text[], integer[], boolean, text) AS ${searchStatement().text}`);
      const q = 'A3302';
      const literal = (value: string | null) => `'${value!.replaceAll("'", "''")}'`;
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN EXECUTE search_plan(${literal(toTsquery(q))}, ${literal(q)}, 5, '{people,cases}', NULL, false, ${literal(identifierPrefix(q))})`);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('cases_case_no_prefix_idx');
      expect(plan).not.toContain('cases_search_idx');
      await client.query('DEALLOCATE search_plan');
    } finally {
      client.release();
    }
  });

  it('has a prefix index for every identifier looked up as it is typed', async () => {
    for (const [register, columns] of Object.entries(IDENTIFIER_COLUMNS)) {
      const table = registerById(register)!.table;
      for (const column of columns) {
        const { rows } = await app.database.pool.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE tablename = $1 AND indexname = $2',
          [table, `${table}_${column}_prefix_idx`]);
        expect(rows[0]?.indexdef, `${register}.${column}`).toContain(`lower(${column}) text_pattern_ops`);
      }
    }
  });

  it('finds standard addresses by their written form', async () => {
    const { rows } = await app.database.pool.query<{ id: number; road: string; door_number: string }>(
      "SELECT id, road, door_number FROM standard_addresses WHERE level IN ('door', 'building') ORDER BY id LIMIT 1");
    const address = rows[0]!;
    const result = await find(`${address.road}${address.door_number}号`);
    expect(idsIn(result, 'addresses').length).toBeGreaterThan(0);
  });

  it('never returns deleted records', async () => {
    const hydrants = registerById('hydrants')!;
    const hydrant = await createRecord(app, hydrants, { ...(await validBody(app, hydrants)), code: 'XF-DELETED-77' });
    expect(idsIn(await find('XF-DELETED-77'), 'hydrants')).toEqual([hydrant.id]);
    await app.inject({ method: 'DELETE', url: `/api/hydrants/${hydrant.id}`, headers: { 'if-match': '"1"' }, payload: { reason: 'test' } });
    expect(idsIn(await find('XF-DELETED-77'), 'hydrants')).toEqual([]);
  });

  it('refuses an empty query and a bad limit', async () => {
    expect((await app.inject('/api/search?q=%20')).json().message).toBe('q: must not be empty');
    expect((await app.inject('/api/search?q=x&limit=50')).json().message).toBe('limit: must be a whole number from 1 to 20, got "50"');
  });

  it('has a GIN expression index for every searched register, matching the query', async () => {
    for (const [register, columns] of Object.entries(SEARCH_COLUMNS)) {
      const table = registerById(register)!.table;
      const { rows } = await app.database.pool.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE tablename = $1 AND indexname = $2',
        [table, `${table}_search_idx`]);
      // PostgreSQL spells the VARIADIC call out in the index definition.
      expect(rows[0]?.indexdef, register).toContain(`search_terms(VARIADIC ARRAY[${columns.join(', ')}])`);
    }
  });

  it('plans cheaply: search_terms is never tried for inlining, and each text index keeps a short lexeme statistic', async () => {
    // Both cost planning time on every keystroke (migration 0010): a SET clause rules inlining out
    // before the function body is parsed; statistics target 10 keeps 100 common lexemes, not 1,000.
    const { rows: [fn] } = await app.database.pool.query<{ proconfig: string[] | null }>(
      "SELECT proconfig FROM pg_proc WHERE proname = 'search_terms'");
    expect(fn?.proconfig).toEqual(['search_path=pg_catalog']);
    const tables = [...Object.keys(SEARCH_COLUMNS).map((register) => registerById(register)!.table), 'standard_addresses'];
    for (const index of tables.map((table) => `${table}_search_idx`)) {
      const { rows } = await app.database.pool.query<{ target: number }>(
        'SELECT attstattarget::integer AS target FROM pg_attribute WHERE attrelid = $1::regclass AND attnum = 1', [index]);
      expect(rows[0]?.target, index).toBe(10);
    }
  });
});
