import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { decodeTile } from '../../tests/helpers/decode-tile.js';
import { createRecord, insidePoint, validBody } from '../../tests/helpers/register-fixtures.js';
import { useTestApp } from '../../tests/helpers/test-app.js';
import { registerById } from '../registers/specs/index.js';
import { lngLatToTile } from './tile-math.js';

let app: FastifyInstance;
useTestApp((built) => { app = built; });

const tileUrl = async (layer: string, z: number) => {
  const [lng, lat] = await insidePoint(app);
  const { x, y } = lngLatToTile(lng, lat, z);
  return `/api/tiles/${layer}/${z}/${x}/${y}.mvt`;
};

describe('register tile layers', () => {
  it('draws a new record with its attributes, and drops it once deleted', async () => {
    const hydrants = registerById('hydrants')!;
    const hydrant = await createRecord(app, hydrants, await validBody(app, hydrants));
    await app.tiles.refreshRevisions();
    const url = await tileUrl('hydrants', 16);
    const features = decodeTile((await app.inject(url)).rawPayload).hydrants!;
    const drawn = features.find((f) => f.id === hydrant.id);
    expect(drawn?.properties).toMatchObject({ code: hydrant.code, status: hydrant.status });

    await app.inject({ method: 'DELETE', url: `/api/hydrants/${hydrant.id}`, headers: { 'if-match': '"1"' }, payload: { reason: 'removed by the water company' } });
    await app.tiles.refreshRevisions();
    const after = await app.inject(url);
    const remaining = after.statusCode === 204 ? [] : decodeTile(after.rawPayload).hydrants!;
    expect(remaining.some((f) => f.id === hydrant.id)).toBe(false);
  });

  it('shows people only as counts per building, never as individuals', async () => {
    const people = registerById('people')!;
    const { rows } = await app.database.pool.query<{ id: number; building_id: number }>(
      "SELECT id, building_id FROM standard_addresses WHERE level = 'room' ORDER BY id LIMIT 1");
    const room = rows[0]!;
    const person = await createRecord(app, people, { ...(await validBody(app, people)), geometry: undefined, address_id: room.id, category: 'floating', moved_out: null });
    await app.tiles.refreshRevisions();
    const { rows: at } = await app.database.pool.query<{ x: number; y: number }>(
      'SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM buildings WHERE id = $1', [room.building_id]);
    const { x, y } = lngLatToTile(at[0]!.x, at[0]!.y, 16);
    const response = await app.inject(`/api/tiles/people/16/${x}/${y}.mvt`);
    const building = decodeTile(response.rawPayload).people!.find((f) => f.id === room.building_id)!;
    expect(building.type).toBe(3);
    expect(Object.keys(building.properties).sort()).toEqual(['floating', 'foreign', 'people', 'registered']);
    expect(building.properties.floating).toBeGreaterThanOrEqual(1);
    expect(response.rawPayload.toString('latin1')).not.toContain(String(person.id_number));
  });
});
