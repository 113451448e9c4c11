import type { FastifyInstance } from 'fastify';
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRecord, insidePoint, validBody } from '../../tests/helpers/register-fixtures.js';
import { useTestApp } from '../../tests/helpers/test-app.js';
import { registerById } from '../registers/specs/index.js';

let app: FastifyInstance;
useTestApp((built) => { app = built; });

type Selection = {
  limit: number;
  registers: { register: string; title: { zh: string; en: string }; label: string; total: number;
    items: { id: number; label: string | null; fields: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }[] }[];
};

/** A square of `half` degrees around a point, as a closed GeoJSON ring. */
const square = ([x, y]: [number, number], half: number) => ({
  type: 'Polygon',
  coordinates: [[[x - half, y - half], [x + half, y - half], [x + half, y + half], [x - half, y + half], [x - half, y - half]]],
});

const select = (payload: unknown) => app.inject({ method: 'POST', url: '/api/selection', payload: payload as Record<string, unknown> });
const idsOf = (body: Selection, register: string) => body.registers.find((r) => r.register === register)?.items.map((i) => i.id) ?? [];

/** A spot of its own inside the district (random, so reruns on one database don't see each other's records). */
async function freshSpot(): Promise<[number, number]> {
  const [x, y] = await insidePoint(app);
  return [x + (randomInt(2000) - 1000) * 1e-5, y + (randomInt(2000) - 1000) * 1e-5];
}

describe('POST /api/selection', () => {
  it('lists the records inside the polygon per register, with labels, fields and geometry; not those outside', async () => {
    const at = await freshSpot();
    const hydrants = registerById('hydrants')!;
    const inside = await createRecord(app, hydrants, { ...(await validBody(app, hydrants)), geometry: { type: 'Point', coordinates: at } });
    const outside = await createRecord(app, hydrants, {
      ...(await validBody(app, hydrants)), geometry: { type: 'Point', coordinates: [at[0] + 0.002, at[1]] },
    });
    const response = await select({ geometry: square(at, 0.0005) });
    expect(response.statusCode).toBe(200);
    const body = response.json() as Selection;
    expect(body.limit).toBe(200);
    expect(idsOf(body, 'hydrants')).toContain(inside.id);
    expect(idsOf(body, 'hydrants')).not.toContain(outside.id);
    const group = body.registers.find((r) => r.register === 'hydrants')!;
    expect(group.title).toEqual({ zh: '消防栓', en: 'Hydrants' });
    expect(group.label).toBe('code');
    const item = group.items.find((i) => i.id === inside.id)!;
    expect(item.label).toBe(inside.code);
    expect(item.fields).toEqual({ code: inside.code, kind: inside.kind, status: inside.status, last_inspected_on: inside.last_inspected_on });
    expect(item.geometry).toEqual(inside.geometry);
    expect(group.total).toBe(group.items.length);
  });

  it('lists people as records, as the people API returns them', async () => {
    const at = await freshSpot();
    const people = registerById('people')!;
    const person = await createRecord(app, people, { ...(await validBody(app, people)), geometry: { type: 'Point', coordinates: at } });
    const body = (await select({ geometry: square(at, 0.0002), registers: ['people'] })).json() as Selection;
    expect(body.registers.map((r) => r.register)).toEqual(['people']);
    const item = body.registers[0]!.items.find((i) => i.id === person.id)!;
    const viaApi = (await app.inject(`/api/people/${person.id}`)).json() as Record<string, unknown>;
    for (const name of Object.keys(people.fields)) expect(item.fields[name], name).toEqual(viaApi[name]);
    expect(item.label).toBe(viaApi.name);
  });

  it('never lists deleted records', async () => {
    const at = await freshSpot();
    const hydrants = registerById('hydrants')!;
    const hydrant = await createRecord(app, hydrants, { ...(await validBody(app, hydrants)), geometry: { type: 'Point', coordinates: at } });
    expect(idsOf((await select({ geometry: square(at, 0.0002), registers: ['hydrants'] })).json(), 'hydrants')).toContain(hydrant.id);
    const deleted = await app.inject({ method: 'DELETE', url: `/api/hydrants/${hydrant.id}`, headers: { 'if-match': '"1"' }, payload: { reason: 'test' } });
    expect(deleted.statusCode).toBe(204);
    expect(idsOf((await select({ geometry: square(at, 0.0002), registers: ['hydrants'] })).json(), 'hydrants')).not.toContain(hydrant.id);
  });

  it('finds lines and polygons that cross the area, and keeps to the registers asked for', async () => {
    const at = await freshSpot();
    const routes = registerById('patrol-routes')!;
    // A route that passes through the square without a vertex inside it.
    const route = await createRecord(app, routes, {
      ...(await validBody(app, routes)), geometry: { type: 'LineString', coordinates: [[at[0] - 0.003, at[1]], [at[0] + 0.003, at[1]]] },
    });
    const body = (await select({ geometry: square(at, 0.0003), registers: ['patrol-routes', 'hydrants'] })).json() as Selection;
    expect(idsOf(body, 'patrol-routes')).toContain(route.id);
    expect(body.registers.every((r) => ['patrol-routes', 'hydrants'].includes(r.register))).toBe(true);
  });

  it('caps each register at the limit and reports the total', async () => {
    const at = await freshSpot();
    const hydrants = registerById('hydrants')!;
    for (let i = 0; i < 3; i++) {
      await createRecord(app, hydrants, { ...(await validBody(app, hydrants)), geometry: { type: 'Point', coordinates: [at[0] + i * 1e-5, at[1]] } });
    }
    const body = (await select({ geometry: square(at, 0.0002), registers: ['hydrants'], limit: 2 })).json() as Selection;
    expect(body.limit).toBe(2);
    expect(body.registers[0]!.items).toHaveLength(2);
    expect(body.registers[0]!.total).toBeGreaterThanOrEqual(3);
    const ids = body.registers[0]!.items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('accepts a clockwise ring (circles and polygons drawn either way round)', async () => {
    const at = await freshSpot();
    const hydrants = registerById('hydrants')!;
    const hydrant = await createRecord(app, hydrants, { ...(await validBody(app, hydrants)), geometry: { type: 'Point', coordinates: at } });
    const ring = square(at, 0.0002).coordinates[0]!.slice().reverse();
    expect(idsOf((await select({ geometry: { type: 'Polygon', coordinates: [ring] } })).json(), 'hydrants')).toContain(hydrant.id);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const bad = async (payload: unknown) => {
      const response = await select(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      return response.json() as { message: string; field: string };
    };
    const bowtie = { type: 'Polygon', coordinates: [[[121.5, 29.8], [121.51, 29.81], [121.51, 29.8], [121.5, 29.81], [121.5, 29.8]]] };
    expect(await bad({ geometry: bowtie })).toMatchObject({ field: 'geometry', message: 'geometry: ring 0 intersects itself' });
    expect(await bad({ geometry: { type: 'Point', coordinates: [121.5, 29.8] } }))
      .toMatchObject({ field: 'geometry', message: 'geometry: must be a Polygon, got Point' });
    expect(await bad({ geometry: { type: 'Polygon', coordinates: [[[121.5, 29.8], [121.51, 29.8], [121.51, 29.81]]] } }))
      .toMatchObject({ field: 'geometry', message: 'geometry: ring 0 must have at least 4 positions' });
    expect(await bad({ geometry: { type: 'Polygon', coordinates: [[[200, 29.8], [121.51, 29.8], [121.51, 29.81], [200, 29.8]]] } }))
      .toMatchObject({ field: 'geometry', message: 'geometry: coordinates[0][0]: longitude 200 is out of range' });
    expect((await bad({})).field).toBe('body.geometry');
    expect((await bad({ geometry: square([121.5, 29.8], 0.001), registers: ['nope'] })).field).toMatch(/^body\.registers/);
    expect((await bad({ geometry: square([121.5, 29.8], 0.001), registers: [] })).field).toMatch(/^body\.registers/);
    expect((await bad({ geometry: square([121.5, 29.8], 0.001), limit: 0 })).field).toBe('body.limit');
    expect((await bad({ geometry: square([121.5, 29.8], 0.001), limit: 1001 })).field).toBe('body.limit');
    expect((await bad({ geometry: square([121.5, 29.8], 0.001), extra: 1 })).message).toBe('body: must NOT have additional properties');
    const many = Array.from({ length: 2100 }, (_, i) => [121.5 + 0.01 * Math.cos((i / 2100) * 2 * Math.PI), 29.8 + 0.01 * Math.sin((i / 2100) * 2 * Math.PI)]);
    many.push(many[0]!);
    expect((await bad({ geometry: { type: 'Polygon', coordinates: [many] } })).message).toMatch(/^geometry: has 2,101 vertices/);
  });

  it('is in the OpenAPI document with its request and response schemas', async () => {
    const doc = (await app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, {
      requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, unknown>;
    }>> };
    const post = doc.paths['/api/selection']?.post;
    expect(post).toBeDefined();
    expect(JSON.stringify(post!.requestBody)).toContain('geometry');
    expect(Object.keys(post!.responses)).toEqual(expect.arrayContaining(['200', '400']));
  });

  it('answers from the GiST index of the register', async () => {
    const client = await app.database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const polygon = JSON.stringify(square([121.55, 29.87], 0.001));
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT r.id FROM hydrants r
        WHERE r.deleted_at IS NULL AND ST_Intersects(r.geom, ST_SetSRID(ST_GeomFromGeoJSON('${polygon}'), 4326))`);
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('hydrants_geom_idx');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
