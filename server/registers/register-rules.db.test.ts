import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createRecord, insidePoint, validBody } from '../../tests/helpers/register-fixtures.js';
import { useTestApp } from '../../tests/helpers/test-app.js';
import { registerById } from './specs/index.js';

let app: FastifyInstance;
useTestApp((built) => { app = built; });

const people = registerById('people')!;
const premises = registerById('premises')!;
const cases = registerById('cases')!;
const routes = registerById('patrol-routes')!;
const hydrants = registerById('hydrants')!;

async function post(register: string, payload: unknown) {
  return app.inject({ method: 'POST', url: `/api/${register}`, payload: payload as Record<string, unknown> });
}

describe('field rules', () => {
  it.each([
    ['people', { id_number: '330203199001011235' }, 'id_number'],
    ['people', { id_number: '33020319900101123x' }, 'id_number'],
    ['people', { phone: '12345' }, 'phone'],
    ['people', { gender: 'unknown' }, 'gender'],
    ['people', { birth_date: '1990-02-30' }, 'birth_date'],
    ['people', { care_tags: ['not_a_tag'] }, 'care_tags'],
    ['people', { name: 42 }, 'name'],
    ['premises', { credit_code: '91330203MA2AAAAA1X' }, 'credit_code'],
    ['cases', { code: '999999' }, 'code'],
    ['cases', { occurred_to: '2020-01-01T00:00:00Z' }, 'occurred_to'],
    ['hydrants', { status: 'broken' }, 'status'],
  ])('%s with %j → 400 naming %s, nothing stored', async (register, change, field) => {
    const spec = registerById(register)!;
    const before = (await app.inject(`/api/${register}?limit=1`)).json().total;
    const response = await post(register, { ...(await validBody(app, spec)), ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(new RegExp(`^(body\\.)?${field}\\b`));
    expect((await app.inject(`/api/${register}?limit=1`)).json().total).toBe(before);
  });

  it('refuses a second live record with the same ID number (409) but frees it once deleted', async () => {
    const firstBody = await validBody(app, people);
    const first = await createRecord(app, people, firstBody);
    // Responses mask ID numbers: the test uses the number it sent.
    const again = await post('people', { ...(await validBody(app, people)), id_number: firstBody.id_number });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/^id_number: /);
    const deleted = await app.inject({ method: 'DELETE', url: `/api/people/${first.id}`, headers: { 'if-match': '"1"' }, payload: { reason: 'duplicate entry' } });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const reused = await post('people', { ...(await validBody(app, people)), id_number: firstBody.id_number });
    expect(reused.statusCode, reused.body).toBe(201);
  });

  it('refuses a reference to a deleted record', async () => {
    const shop = await createRecord(app, premises, await validBody(app, premises));
    await app.inject({ method: 'DELETE', url: `/api/premises/${shop.id}`, headers: { 'if-match': '"1"' }, payload: { reason: 'closed down' } });
    const response = await post('cases', { ...(await validBody(app, cases)), premises_id: shop.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(`premises_id: no live premises record with id ${shop.id}`);
  });

  it('refuses a line of more than 10,000 vertices, NaN-like and out-of-range coordinates', async () => {
    const [x, y] = await insidePoint(app);
    const long = Array.from({ length: 10_001 }, (_, i) => [x + i * 1e-6, y]);
    const body = await validBody(app, routes);
    for (const [coordinates, message] of [
      [long, /^geometry: has 10,001 vertices; at most 10,000 are allowed/],
      [[[x, y], ['NaN', y]], /^geometry: /],
      [[[x, y], [200, y]], /^geometry: .*longitude 200 is out of range/],
      [[[x, y]], /^geometry: /],
    ] as const) {
      const response = await post('patrol-routes', { ...body, geometry: { type: 'LineString', coordinates } });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(message);
    }
  });

  it('answers 413 to an oversized body and stays up', async () => {
    const response = await post('hydrants', { ...(await validBody(app, hydrants)), code: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.statusCode).toBe(413);
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  });

  it('needs a place: a geometry, or an address for registers placed by address', async () => {
    const hydrant = await post('hydrants', { ...(await validBody(app, hydrants)), geometry: undefined });
    expect(hydrant.json().message).toBe('geometry: is required: a Point');
    const person = await post('people', { ...(await validBody(app, people)), geometry: null, address_id: null });
    expect(person.json().message).toMatch(/^geometry: is required, or give address_id/);
  });
});

describe('jurisdiction', () => {
  it('comes from the location, follows a moved record and a redrawn boundary', async () => {
    const { rows } = await app.database.pool.query<{ id: number; community_id: number; x: number; y: number }>(
      `SELECT b.id, b.community_id, ST_X(ST_PointOnSurface(b.geom)) AS x, ST_Y(ST_PointOnSurface(b.geom)) AS y FROM beats b ORDER BY b.id LIMIT 2`);
    const [first, second] = rows as [typeof rows[0], typeof rows[0]];
    const hydrant = await createRecord(app, hydrants, { ...(await validBody(app, hydrants)), geometry: { type: 'Point', coordinates: [first.x, first.y] } });
    expect(hydrant).toMatchObject({ beat_id: first.id, community_id: first.community_id });

    const moved = await app.inject({ method: 'PATCH', url: `/api/hydrants/${hydrant.id}`, headers: { 'if-match': '"1"' },
      payload: { geometry: { type: 'Point', coordinates: [second.x, second.y] } } });
    expect(moved.json()).toMatchObject({ beat_id: second.id, community_id: second.community_id });
    expect((await app.inject(`/api/hydrants/${hydrant.id}/history`)).json()[1].changes.beat_id).toEqual({ from: first.id, to: second.id });

    // Redraw: the first beat takes over the point (inside a transaction we roll back, to leave the district as seeded).
    const client = await app.database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE beats SET geom = ST_Multi(ST_Union(geom, ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.0005))) WHERE id = $3`,
        [second.x, second.y, first.id]);
      await client.query(`UPDATE beats SET geom = ST_Multi(ST_CollectionExtract(ST_Difference(geom, ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.0005)), 3)) WHERE id = $3`,
        [second.x, second.y, second.id]);
      const { rows: after } = await client.query<{ beat_id: number }>('SELECT beat_id FROM hydrants WHERE id = $1', [hydrant.id]);
      expect(after[0]!.beat_id).toBe(first.id);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('history', () => {
  it('asOf(T) equals the record as it was at T after a random sequence of edits', async () => {
    const spec = registerById('premises')!;
    const record = await createRecord(app, spec, await validBody(app, spec));
    const snapshots: { at: string; record: Record<string, unknown> }[] = [];
    let current = (await app.inject(`/api/premises/${record.id}`)).json();
    snapshots.push({ at: new Date().toISOString(), record: current });
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const trades = premises.fields.trade!.kind === 'enum' ? premises.fields.trade!.values : [];
    for (let step = 0; step < 12; step++) {
      await new Promise((resolve) => setTimeout(resolve, 3));
      const change = random() < 0.4 ? { name: `店铺${step}` } : random() < 0.7 ? { trade: trades[Math.floor(random() * trades.length)] }
        : { risk_level: ['low', 'medium', 'high'][step % 3], licence_no: random() < 0.5 ? null : `L${step}` };
      const response = await app.inject({ method: 'PATCH', url: `/api/premises/${record.id}`, headers: { 'if-match': `"${current.version}"` }, payload: change });
      expect(response.statusCode).toBe(200);
      current = response.json();
      await new Promise((resolve) => setTimeout(resolve, 3));
      snapshots.push({ at: new Date().toISOString(), record: current });
    }
    for (const { at, record: expected } of snapshots) {
      const asOf = await app.inject(`/api/premises/${record.id}?asOf=${encodeURIComponent(at)}`);
      expect(asOf.json(), at).toEqual(expected);
    }
    const before = new Date(Date.parse(snapshots[0]!.at) - 60_000).toISOString();
    expect((await app.inject(`/api/premises/${record.id}?asOf=${encodeURIComponent(before)}`)).statusCode).toBe(404);
  });

  it('is insert-only in the database', async () => {
    await expect(app.database.pool.query("UPDATE record_versions SET actor = 'someone else'")).rejects.toThrow(/insert-only/);
    await expect(app.database.pool.query('DELETE FROM record_versions')).rejects.toThrow(/insert-only/);
  });
});
