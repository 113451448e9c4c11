import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeTile } from '../../tests/helpers/decode-tile.js';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import { logIn, TestClock } from '../../tests/helpers/accounts.js';
import { actAs, districtOfficer } from '../../tests/helpers/test-app.js';
import { buildApp } from '../app.js';
import { buildTileJs } from './tile-js.js';
import { lngLatToTile, type TileCoord } from './tile-math.js';
import { TILE_LAYERS, tileLayer } from './tile-layers.js';
import { buildTileSql } from './tile-sql.js';
import { TileService } from './tile-service.js';
import { tileFields } from './tile-clusters.js';

let app: FastifyInstance;
let center: [number, number];

beforeAll(async () => {
  app = await buildApp({ database: await openTestDatabase() });
  actAs(app, await logIn(app, await districtOfficer(app), new TestClock()));
  // The centre of the densest building cluster, so high-zoom tiles have content.
  const { rows } = await app.database.pool.query<{ lng: number; lat: number }>(
    `SELECT ST_X(c) AS lng, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) AS c FROM buildings ORDER BY id LIMIT 1) q`);
  center = [rows[0]!.lng, rows[0]!.lat];
});
afterAll(async () => {
  await app.close();
  await app.database.close();
});

const tilePath = (layer: string, { z, x, y }: TileCoord) => `/api/tiles/${layer}/${z}/${x}/${y}.mvt`;

describe('TileJSON', () => {
  it.each(TILE_LAYERS.map((layer) => layer.id))('describes %s with bounds, center and its fields', async (id) => {
    const response = await app.inject(`/api/tiles/${id}.json`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ tilejson: '3.0.0', name: id, scheme: 'xyz', vector_layers: [{ id }] });
    expect(body.tiles[0]).toMatch(new RegExp(`/api/tiles/${id}/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt$`));
    const [w, s, e, n] = body.bounds;
    expect(w).toBeGreaterThan(121.3);
    expect(e).toBeLessThan(121.8);
    expect(s).toBeGreaterThan(29.7);
    expect(n).toBeLessThan(30.0);
    expect(body.center[0]).toBeGreaterThan(w);
    expect(body.center[0]).toBeLessThan(e);
    expect(Object.keys(body.vector_layers[0].fields)).toEqual(Object.keys(tileFields(tileLayer(id)!)));
  });

  it('404s an unknown layer, listing the known ones', async () => {
    const response = await app.inject('/api/tiles/rivers.json');
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(/^unknown tile layer "rivers"; layers: district, communities, beats, streets, buildings, addresses, people, /);
  });
});

describe('tiles', () => {
  it('serves buildings at z16 with their attributes, with ETag and Cache-Control', async () => {
    const tile = lngLatToTile(center[0], center[1], 16);
    const response = await app.inject({ url: tilePath('buildings', tile), headers: { 'accept-encoding': 'gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const bytes = response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.rawPayload) : response.rawPayload;
    expect(response.headers['cache-control']).toMatch(/max-age=/);
    const layers = decodeTile(bytes);
    expect(Object.keys(layers)).toEqual(['buildings']);
    const first = layers.buildings![0]!;
    expect(first.type).toBe(3);
    expect(Object.keys(first.properties).sort()).toEqual(['floors', 'label', 'use']);
    expect(typeof first.id).toBe('number');

    const again = await app.inject({ url: tilePath('buildings', tile), headers: { 'if-none-match': response.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('answers a miss raw at once, then keeps large tiles gzip-compressed in the cache', async () => {
    // The test district's tiles are small, so this service compresses from 1 byte (4 KB in the app).
    const tiles = new TileService(app.database.pool, app.tiles.encoder, 1024 * 1024, 1);
    const streets = tileLayer('streets')!;
    const coord = lngLatToTile(center[0], center[1], 14);
    const miss = await tiles.tile(streets, coord);
    expect(miss.gzipped).toBe(false);
    let hit = await tiles.tile(streets, coord);
    for (let i = 0; i < 100 && !hit.gzipped; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      hit = await tiles.tile(streets, coord);
    }
    expect(hit.gzipped).toBe(true);
    expect(gunzipSync(hit.body!).equals(miss.body!)).toBe(true);
    expect(hit.etag).toBe(miss.etag);

    // Below the app's 4 KB threshold tiles stay raw: gzip's set-up costs more CPU than the bytes it saves.
    const app4k = new TileService(app.database.pool, app.tiles.encoder, 1024 * 1024);
    const small = await app4k.tile(streets, coord);
    expect(small.body!.length).toBeLessThan(4096);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await app4k.tile(streets, coord)).gzipped).toBe(false);
  });

  it('builds a tile once for requests that ask for it together, and compresses nothing with the cache off', async () => {
    const tiles = new TileService(app.database.pool, app.tiles.encoder, 0, 256);
    const streets = tileLayer('streets')!;
    const coord = lngLatToTile(center[0], center[1], 14);
    const [a, b, c] = await Promise.all([tiles.tile(streets, coord), tiles.tile(streets, coord), tiles.tile(streets, coord)]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(a.gzipped).toBe(false);
    const later = await tiles.tile(streets, coord);
    expect(later).not.toBe(a); // nothing kept
    expect(later.body!.equals(a.body!)).toBe(true);
    expect(tiles.cache.size.entries).toBe(0);
  });

  it('serves uncompressed bytes to a client that does not accept gzip', async () => {
    const tile = lngLatToTile(center[0], center[1], 15);
    const response = await app.inject({ url: tilePath('streets', tile), headers: { 'accept-encoding': 'identity' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    const streets = decodeTile(response.rawPayload).streets!;
    expect(streets.length).toBeGreaterThan(0);
    expect(streets.every((f) => f.type === 2 && /[\u4e00-\u9fff]/.test(String(f.properties.name)))).toBe(true);
  });

  it('answers 204 for a tile with nothing in it and below a layer\'s min zoom', async () => {
    expect((await app.inject(tilePath('buildings', { z: 14, x: 0, y: 0 }))).statusCode).toBe(204);
    const low = lngLatToTile(center[0], center[1], 10);
    expect((await app.inject(tilePath('buildings', low))).statusCode).toBe(204);
  });

  it.each([
    ['/api/tiles/streets/23/0/0.mvt', 400, 'z: must be from 0 to 22, got 23'],
    ['/api/tiles/streets/3/8/0.mvt', 400, 'x: must be below 8 at zoom 3, got 8'],
    ['/api/tiles/streets/3/0/x.mvt', 400, 'y: must be a non-negative whole number, got "x"'],
    ['/api/tiles/rivers/3/0/0.mvt', 404, /^unknown tile layer "rivers"; layers: district, communities, beats, streets, buildings, addresses, people, houses, premises, /],
    ['/api/tiles/streets/3/0/0.png', 404, 'tile paths end in .mvt: /api/tiles/{layer}/{z}/{x}/{y}.mvt'],
  ])('%s → %i with a reason', async (url, status, message) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(status);
    const text = response.json().message as string;
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
  });

  it('drops cached tiles when the layer\'s data changes', async () => {
    const tile = lngLatToTile(center[0], center[1], 15);
    const before = await app.inject(tilePath('streets', tile));
    const street = decodeTile(before.rawPayload).streets![0]!;
    const { pool } = app.database;
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM streets WHERE id = $1', [street.id]);
    try {
      await pool.query('UPDATE streets SET name = $1 WHERE id = $2', ['测试改名路', street.id]);
      await app.tiles.refreshRevisions();
      const after = await app.inject(tilePath('streets', tile));
      expect(after.headers.etag).not.toBe(before.headers.etag);
      const renamed = decodeTile(after.rawPayload).streets!.find((f) => f.id === street.id);
      expect(renamed?.properties.name).toBe('测试改名路');
    } finally {
      await pool.query('UPDATE streets SET name = $1 WHERE id = $2', [rows[0]!.name, street.id]);
      await app.tiles.refreshRevisions();
    }
  });
});

describe('the two encoders', () => {
  const cases: [string, number][] = [
    ['district', 11], ['communities', 12], ['beats', 13], ['streets', 12], ['streets', 14], ['streets', 16],
    ['buildings', 14], ['buildings', 16], ['addresses', 16],
  ];

  it('the JavaScript encoder produces decodable tiles with every attribute', async () => {
    for (const [id, z] of cases) {
      const layer = tileLayer(id)!;
      const bytes = await buildTileJs(app.database.pool, layer, lngLatToTile(center[0], center[1], z));
      expect(bytes, `${id} z${z}`).not.toBeNull();
      const features = decodeTile(bytes!)[id]!;
      expect(features.length).toBeGreaterThan(0);
      for (const feature of features) expect(Object.keys(feature.properties).sort()).toEqual(Object.keys(layer.attributes).sort());
    }
  });

  // Real PostGIS has ST_AsMVT; the embedded engine does not, so this comparison runs in external mode.
  it.runIf(inject('databaseMode') === 'external')('ST_AsMVT and JavaScript agree on layers, features and attributes', async () => {
    for (const [id, z] of cases) {
      const layer = tileLayer(id)!;
      const tile = lngLatToTile(center[0], center[1], z);
      const sqlTile = decodeTile((await buildTileSql(app.database.pool, layer, tile))!);
      const jsTile = decodeTile((await buildTileJs(app.database.pool, layer, tile))!);
      expect(Object.keys(jsTile), `${id} z${z}`).toEqual(Object.keys(sqlTile));
      const strip = (features: ReturnType<typeof decodeTile>[string] | undefined) => (features ?? []).map(({ id: fid, type, properties }) => ({ fid, type, properties }));
      expect(strip(jsTile[id]), `${id} z${z}`).toEqual(strip(sqlTile[id]));
    }
  });
});
