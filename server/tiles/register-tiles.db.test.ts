import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { decodeTile } from '../../tests/helpers/decode-tile.js';
import { createRecord, insidePoint, validBody } from '../../tests/helpers/register-fixtures.js';
import { useTestApp } from '../../tests/helpers/test-app.js';
import { registerById } from '../registers/specs/index.js';
import { EXTENT, lngLatToTile, tileBounds, tileProjector } from './tile-math.js';
import { CELL_UNITS, clusterCellsSql } from './tile-clusters.js';
import { bindScope } from './tile-scope.js';
import { buildTileJs } from './tile-js.js';
import { tileLayer } from './tile-layers.js';

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

  it('draws cases as grid cells below z17, counting every live case in the tile once, and single cases from z17', async () => {
    const cases = tileLayer('cases')!;
    const { rows } = await app.database.pool.query<{ x: number; y: number }>(
      'SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM cases WHERE deleted_at IS NULL ORDER BY id LIMIT 1');
    const [lng, lat] = [rows[0]!.x, rows[0]!.y];
    for (const z of [12, 14, 16]) {
      const coord = lngLatToTile(lng, lat, z);
      const [w, s, e, n] = tileBounds(coord);
      const { rows: inTile } = await app.database.pool.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM cases WHERE deleted_at IS NULL
            AND ST_X(geom) >= $1 AND ST_X(geom) < $3 AND ST_Y(geom) > $2 AND ST_Y(geom) <= $4`, [w, s, e, n]);
      const cells = decodeTile((await app.inject(`/api/tiles/cases/${z}/${coord.x}/${coord.y}.mvt`)).rawPayload).cases!;
      expect(cells.every((cell) => cell.type === 1 && (cell.properties.count as number) >= 1), `z${z}`).toBe(true);
      expect(Object.keys(cells[0]!.properties).sort()).toEqual(['code', 'code_system', 'count']);
      expect(cells.reduce((sum, cell) => sum + (cell.properties.count as number), 0), `z${z}`).toBe(inTile[0]!.n);
      const centres = cells.map((cell) => cell.at.join(','));
      expect(cells.every((cell) => cell.at.every((v) => (v - 32) % 64 === 0))).toBe(true); // cell centres
      expect(new Set(centres).size).toBe(cells.length); // one feature per cell
      // Both encoders read the same cells: identical features.
      const js = decodeTile((await buildTileJs(app.database.pool, cases, coord))!).cases!;
      expect(js.map((f) => [f.id, f.properties, f.at])).toEqual(cells.map((f) => [f.id, f.properties, f.at]));
    }
    const single = lngLatToTile(lng, lat, 17);
    const features = decodeTile((await app.inject(`/api/tiles/cases/17/${single.x}/${single.y}.mvt`)).rawPayload).cases!;
    expect(features.length).toBeGreaterThan(0);
    expect(features.every((f) => f.properties.count === undefined && typeof f.properties.case_no === 'string')).toBe(true);
  });

  it('puts each case in the grid cell that holds it, on a custom plan and on the generic plan a prepared statement ends up with', async () => {
    // The cell maths runs per row in SQL; here the same cells come from tile-math.ts's projection.
    const cases = tileLayer('cases')!;
    const { rows: [first] } = await app.database.pool.query<{ x: number; y: number }>(
      'SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM cases WHERE deleted_at IS NULL ORDER BY id LIMIT 1');
    const client = await app.database.pool.connect();
    try {
      for (const z of [11, 13, 15, 16]) {
        const coord = lngLatToTile(first!.x, first!.y, z);
        const [w, s, e, n] = tileBounds(coord);
        const { rows: points } = await client.query<{ x: number; y: number }>(
          'SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM cases WHERE deleted_at IS NULL AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)', [w, s, e, n]);
        const project = tileProjector(coord, EXTENT * 1024); // finer than the tile grid: no rounding into the next cell
        const expected = new Map<string, number>();
        for (const { x, y } of points) {
          const [px, py] = project(x, y).map((v) => Math.min(EXTENT / CELL_UNITS - 1, Math.max(0, Math.floor(v / 1024 / CELL_UNITS))));
          expected.set(`${px},${py}`, (expected.get(`${px},${py}`) ?? 0) + 1);
        }
        for (const mode of ['force_custom_plan', 'force_generic_plan']) {
          await client.query(`SET plan_cache_mode = ${mode}`);
          const name = `cells_test_${z}_${mode}`;
          const { rows: cells } = await client.query<{ cx: number; cy: number; count: number }>({
            name, text: bindScope(cases, clusterCellsSql(cases, z), 4), values: [z, coord.x, coord.y, null, null, null] });
          expect(new Map(cells.map((cell) => [`${cell.cx},${cell.cy}`, cell.count])), `z${z} ${mode}`).toEqual(expected);
        }
      }
    } finally {
      await client.query('RESET plan_cache_mode');
      client.release();
    }
  });

  it('drops a deleted case from its cell', async () => {
    const spec = registerById('cases')!;
    const created = await createRecord(app, spec, await validBody(app, spec));
    const [lng, lat] = (created.geometry as { coordinates: [number, number] }).coordinates;
    const coord = lngLatToTile(lng, lat, 14);
    const url = `/api/tiles/cases/14/${coord.x}/${coord.y}.mvt`;
    const total = async () => {
      await app.tiles.refreshRevisions();
      const response = await app.inject(url);
      return response.statusCode === 204 ? 0 : decodeTile(response.rawPayload).cases!.reduce((sum, cell) => sum + (cell.properties.count as number), 0);
    };
    const before = await total();
    await app.inject({ method: 'DELETE', url: `/api/cases/${created.id}`, headers: { 'if-match': '"1"' }, payload: { reason: 'entered twice' } });
    expect(await total()).toBe(before - 1);
  });

  it('keeps only the cases of a time range (?from=&to=, whole days) in cells and in single cases, and refuses bad ranges', async () => {
    const { rows } = await app.database.pool.query<{ x: number; y: number }>(
      'SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM cases WHERE deleted_at IS NULL ORDER BY id LIMIT 1');
    const [lng, lat] = [rows[0]!.x, rows[0]!.y];
    const cases = tileLayer('cases')!;
    for (const z of [13, 17]) {
      const coord = lngLatToTile(lng, lat, z);
      const [w, s, e, n] = tileBounds(coord);
      const { rows: days } = await app.database.pool.query<{ day: string }>(
        `SELECT to_char(occurred_from, 'YYYY-MM-DD') AS day FROM cases WHERE deleted_at IS NULL AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
          ORDER BY occurred_from`, [w, s, e, n]);
      const from = days[Math.floor(days.length / 4)]!.day;
      const to = days[Math.floor((days.length * 3) / 4)]!.day;
      const { rows: expected } = await app.database.pool.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM cases WHERE deleted_at IS NULL AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
            AND occurred_from >= $5::date AND occurred_from < $6::date + 1`, [w, s, e, n, from, to]);
      const url = `/api/tiles/cases/${z}/${coord.x}/${coord.y}.mvt`;
      const all = await app.inject(url);
      const some = await app.inject(`${url}?from=${from}&to=${to}`);
      expect(some.statusCode).toBe(200);
      expect(some.headers.etag).not.toBe(all.headers.etag);
      const weight = (features: { properties: Record<string, unknown> }[]) => features.reduce((sum, f) => sum + ((f.properties.count as number | undefined) ?? 1), 0);
      const kept = decodeTile(some.rawPayload).cases!;
      // Cells count what is inside the tile; single cases (z17) include the tile's edge buffer.
      if (z < 17) expect(weight(kept), `z${z}`).toBe(expected[0]!.n);
      else expect(kept.every((f) => String(f.properties.occurred_from).slice(0, 10) >= from && String(f.properties.occurred_from).slice(0, 10) <= to)).toBe(true);
      expect(weight(kept)).toBeLessThan(weight(decodeTile(all.rawPayload).cases!));
      // Both encoders apply the same range.
      const js = decodeTile((await buildTileJs(app.database.pool, cases, coord, { from, to }))!).cases!;
      expect(js.map((f) => [f.id, f.properties])).toEqual(kept.map((f) => [f.id, f.properties]));
    }
    const coord = lngLatToTile(lng, lat, 14);
    const base = `/api/tiles/cases/14/${coord.x}/${coord.y}.mvt`;
    for (const [query, message] of [
      ['from=2024-02-30', 'from: must be a date YYYY-MM-DD, got "2024-02-30"'],
      ['to=yesterday', 'to: must be a date YYYY-MM-DD, got "yesterday"'],
      ['from=2024-05-01&to=2024-04-01', 'to: must not be before from (2024-05-01), got 2024-04-01'],
    ] as const) {
      const response = await app.inject(`${base}?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toBe(message);
    }
    const streets = await app.inject(`/api/tiles/streets/14/${coord.x}/${coord.y}.mvt?from=2024-01-01`);
    expect(streets.statusCode).toBe(400);
    expect(streets.json().message).toBe('from: the streets layer has no time to filter by');
  });
});
