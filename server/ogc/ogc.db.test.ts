import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecord, validBody } from '../../tests/helpers/register-fixtures.js';
import { useTestApp } from '../../tests/helpers/test-app.js';
import { registerById, REGISTERS } from '../registers/specs/index.js';

let app: FastifyInstance;
useTestApp((built) => { app = built; });

const hydrants = registerById('hydrants')!;
const people = registerById('people')!;
const actor = {};

/** An absolute link from a response → what app.inject takes. */
const pathOf = (href: string) => { const url = new URL(href); return url.pathname + url.search; };
const get = (url: string) => app.inject(url);
const ids = (body: { features: { id: number }[] }) => body.features.map((f) => f.id);
const linkOf = (body: { links: { rel: string; href: string }[] }, rel: string) => body.links.find((l) => l.rel === rel);

async function dbNow(): Promise<string> {
  const { rows } = await app.database.pool.query<{ now: string }>('SELECT clock_timestamp() AS now');
  return rows[0]!.now;
}

/** Distinct standard-address points (inside the district), with ids. */
async function addressPoints(count: number, skip = 0): Promise<{ id: number; x: number; y: number }[]> {
  const { rows } = await app.database.pool.query<{ id: number; x: number; y: number }>(
    `SELECT DISTINCT ON (ST_AsText(geom)) id, ST_X(geom) AS x, ST_Y(geom) AS y FROM standard_addresses
      WHERE level = 'door' ORDER BY ST_AsText(geom), id LIMIT $1 OFFSET $2`, [count, skip]);
  expect(rows).toHaveLength(count);
  return rows;
}

const around = (points: { x: number; y: number }[], pad = 1e-6) =>
  [Math.min(...points.map((p) => p.x)) - pad, Math.min(...points.map((p) => p.y)) - pad,
    Math.max(...points.map((p) => p.x)) + pad, Math.max(...points.map((p) => p.y)) + pad].join(',');

describe('landing page, conformance, collections', () => {
  it('has a landing page whose links all resolve', async () => {
    const response = await get('/api/ogc');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json();
    expect(body).toMatchObject({ title: expect.any(String), description: expect.any(String) });
    const rels = Object.fromEntries(body.links.map((l: { rel: string; href: string }) => [l.rel, pathOf(l.href)]));
    expect(rels).toMatchObject({ self: '/api/ogc', 'service-desc': '/api/docs/json', conformance: '/api/ogc/conformance', data: '/api/ogc/collections' });
    for (const rel of ['self', 'service-desc', 'conformance', 'data']) expect((await get(rels[rel])).statusCode, rel).toBe(200);
  });

  it('declares core, geojson and oas30 conformance', async () => {
    const body = (await get('/api/ogc/conformance')).json();
    expect(body.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
    ]));
  });

  it('lists one collection per register with the district extent and items and tiles links', async () => {
    const { rows } = await app.database.pool.query<{ w: number; s: number; e: number; n: number }>(
      'SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(geom) AS x FROM districts) q');
    const extent = [rows[0]!.w, rows[0]!.s, rows[0]!.e, rows[0]!.n];
    const body = (await get('/api/ogc/collections')).json();
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual(REGISTERS.map((spec) => spec.id));
    for (const [index, spec] of REGISTERS.entries()) {
      const c = body.collections[index];
      expect(c).toMatchObject({
        id: spec.id, itemType: 'feature', crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
        extent: { spatial: { bbox: [extent] } },
      });
      expect(c.title).toContain(spec.title.zh);
      expect(c.title).toContain(spec.title.en);
      expect(linkOf(c, 'items')).toMatchObject({ type: 'application/geo+json' });
      expect(pathOf(linkOf(c, 'items')!.href)).toBe(`/api/ogc/collections/${spec.id}/items`);
      expect(c.links.find((l: { href: string }) => l.href.endsWith(`/api/tiles/${spec.id}/{z}/{x}/{y}.mvt`))).toBeDefined();
    }
    const one = await get('/api/ogc/collections/hydrants');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(body.collections.find((c: { id: string }) => c.id === 'hydrants'));
    expect(body.collections.find((c: { id: string }) => c.id === 'people').description).toMatch(/never published as individuals/);
  });

  it('answers unknown collections with 404 listing the valid ids', async () => {
    for (const url of ['/api/ogc/collections/nope', '/api/ogc/collections/nope/items', '/api/ogc/collections/nope/items/1']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().message).toMatch(/hydrants.*people|people.*hydrants/);
    }
  });

  it('names an unknown parameter anywhere', async () => {
    const response = await get('/api/ogc/collections?foo=1');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'foo' });
  });

  it('documents every collection\'s items in OpenAPI', async () => {
    const doc = (await get('/api/docs/json')).json();
    for (const spec of REGISTERS) expect(doc.paths[`/api/ogc/collections/${spec.id}/items`], spec.id).toBeDefined();
    const peopleItems = doc.paths['/api/ogc/collections/people/items'].get.responses['200'].content['application/geo+json'];
    expect(JSON.stringify(peopleItems)).not.toMatch(/id_number|"name"|phone/);
  });
});

describe('hydrants items', () => {
  let t0: string;
  let points: { id: number; x: number; y: number }[];
  let made: { id: number; version: number; updated_at: string }[];
  let other: { id: number };
  let box: string;

  beforeAll(async () => {
    points = await addressPoints(3);
    box = around(points);
    t0 = await dbNow();
    made = [];
    for (const p of points) {
      const body = await validBody(app, hydrants);
      const record = await createRecord(app, hydrants, { ...body, geometry: { type: 'Point', coordinates: [p.x, p.y] }, status: 'faulty' });
      made.push({ id: record.id, version: record.version, updated_at: String(record.updated_at) });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const body = await validBody(app, hydrants);
    other = await createRecord(app, hydrants, { ...body, geometry: { type: 'Point', coordinates: [points[0]!.x, points[0]!.y] }, status: 'in_service' });
  });

  const items = (query: string) => get(`/api/ogc/collections/hydrants/items?${query}`);

  it('returns a GeoJSON FeatureCollection of records', async () => {
    const response = await items(`bbox=${box}&datetime=${t0}/..&status=faulty`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    const body = response.json();
    expect(body).toMatchObject({ type: 'FeatureCollection', numberMatched: 3, numberReturned: 3 });
    expect(ids(body)).toEqual(made.map((r) => r.id));
    expect(new Date(body.timeStamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const feature = body.features[0];
    expect(feature).toMatchObject({ type: 'Feature', id: made[0]!.id, geometry: { type: 'Point', coordinates: [points[0]!.x, points[0]!.y] } });
    expect(feature.properties).toMatchObject({ id: made[0]!.id, status: 'faulty', version: 1, code: expect.any(String) });
    expect(feature.properties).not.toHaveProperty('geometry');
    expect(pathOf(linkOf(body, 'self')!.href)).toBe(`/api/ogc/collections/hydrants/items?bbox=${box}&datetime=${t0}/..&status=faulty`);
    expect(linkOf(body, 'next')).toBeUndefined();
    expect(linkOf(body, 'prev')).toBeUndefined();
  });

  it('filters by bbox', async () => {
    const inside = (await items(`bbox=${around([points[0]!])}&datetime=${t0}/..`)).json();
    expect(ids(inside).sort()).toEqual([made[0]!.id, other.id].sort());
    const outside = (await items(`bbox=10,10,10.1,10.1`)).json();
    expect(outside).toMatchObject({ features: [], numberMatched: 0, numberReturned: 0 });
    const bad = await items('bbox=1,2,3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('bbox');
  });

  it('pages with limit and offset; next and prev links work when followed', async () => {
    const first = (await items(`bbox=${box}&datetime=${t0}/..&status=faulty&limit=2`)).json();
    expect(first).toMatchObject({ numberMatched: 3, numberReturned: 2 });
    expect(ids(first)).toEqual([made[0]!.id, made[1]!.id]);
    expect(linkOf(first, 'prev')).toBeUndefined();
    const second = (await get(pathOf(linkOf(first, 'next')!.href))).json();
    expect(second).toMatchObject({ numberMatched: 3, numberReturned: 1 });
    expect(ids(second)).toEqual([made[2]!.id]);
    expect(linkOf(second, 'next')).toBeUndefined();
    const back = (await get(pathOf(linkOf(second, 'prev')!.href))).json();
    expect(ids(back)).toEqual(ids(first));
    expect((await items(`bbox=${box}&datetime=${t0}/..&status=faulty&offset=1&limit=1`)).json().features[0].id).toBe(made[1]!.id);
  });

  it('refuses limits out of range naming limit', async () => {
    for (const limit of ['0', '1001', 'ten', '-1']) {
      const response = await items(`limit=${limit}`);
      expect(response.statusCode, limit).toBe(400);
      expect(response.json().field).toBe('limit');
    }
    expect((await items('limit=1000')).statusCode).toBe(200);
  });

  it('filters by datetime on updated_at: instant, closed and half-open intervals', async () => {
    const [a, b, c] = made as [typeof made[number], typeof made[number], typeof made[number]];
    const q = (datetime: string) => items(`bbox=${box}&status=faulty&datetime=${encodeURIComponent(datetime)}`).then((r) => ids(r.json()));
    expect(await q(a.updated_at)).toEqual([a.id]);
    expect(await q(`${a.updated_at}/${b.updated_at}`)).toEqual([a.id, b.id]);
    expect(await q(`../${b.updated_at}`)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await q(`../${b.updated_at}`)).not.toContain(c.id);
    expect(await q(`${b.updated_at}/..`)).toEqual([b.id, c.id]);
    expect(await q(`${b.updated_at}/`)).toEqual([b.id, c.id]);
    // The same instant with an offset.
    const shifted = new Date(new Date(c.updated_at).getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect(await q(shifted)).toEqual([c.id]);
    expect(await q('2000-01-01T00:00:00Z/2000-12-31T00:00:00Z')).toEqual([]);
  });

  it('refuses a malformed datetime naming datetime', async () => {
    for (const datetime of ['yesterday', '2024-13-01T00:00:00Z', '2024-02-01T00:00:00Z/2024-01-01T00:00:00Z', 'a/b/c']) {
      const response = await items(`datetime=${encodeURIComponent(datetime)}`);
      expect(response.statusCode, datetime).toBe(400);
      expect(response.json()).toMatchObject({ field: 'datetime', message: expect.stringMatching(/^datetime: /) });
    }
  });

  it('filters by enum properties and refuses bad values naming the property', async () => {
    expect(ids((await items(`bbox=${box}&datetime=${t0}/..&status=in_service`)).json())).toEqual([other.id]);
    expect(ids((await items(`bbox=${box}&datetime=${t0}/..&status=in_service&kind=${String(validKind())}`)).json())).toEqual([other.id]);
    const bad = await items('status=broken');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'status', message: expect.stringMatching(/in_service/) });
  });

  it('refuses unknown parameters naming them', async () => {
    for (const [query, name] of [['foo=1', 'foo'], ['code=x', 'code'], ['bbox-crs=x', 'bbox-crs'], [`bbox=${box}&not_a_filter=1`, 'not_a_filter']]) {
      const response = await items(query!);
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ field: name, message: expect.stringContaining(`${name}: is not a parameter`) });
    }
    const twice = await items('limit=1&limit=2');
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toMatch(/limit/);
  });

  it('serves one feature with its version as ETag', async () => {
    const response = await get(`/api/ogc/collections/hydrants/items/${made[0]!.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(response.headers.etag).toBe('"1"');
    const body = response.json();
    expect(body).toMatchObject({ type: 'Feature', id: made[0]!.id, geometry: { type: 'Point' }, properties: { status: 'faulty' } });
    expect(pathOf(linkOf(body, 'self')!.href)).toBe(`/api/ogc/collections/hydrants/items/${made[0]!.id}`);
    for (const missing of ['99999999', 'abc', '0']) {
      expect((await get(`/api/ogc/collections/hydrants/items/${missing}`)).statusCode, missing).toBe(404);
    }
  });

  it('never shows a deleted record', async () => {
    const victim = made[2]!;
    const deleted = await app.inject({ method: 'DELETE', url: `/api/hydrants/${victim.id}`, payload: { reason: 'removed' }, headers: { ...actor, 'if-match': '"1"' } });
    expect(deleted.statusCode).toBe(204);
    const body = (await items(`bbox=${box}&datetime=${t0}/..&status=faulty`)).json();
    expect(ids(body)).not.toContain(victim.id);
    expect(body.numberMatched).toBe(2);
    expect((await get(`/api/ogc/collections/hydrants/items/${victim.id}`)).statusCode).toBe(404);
  });
});

describe('people: counts per standard address, never individuals', () => {
  let t0: string;
  let home: { id: number; x: number; y: number };
  let next: { id: number; x: number; y: number };
  const secrets: string[] = [];

  async function person(addressId: number, extra: Record<string, unknown>): Promise<{ id: number }> {
    const { geometry: _ignored, ...body } = await validBody(app, people);
    const record = await createRecord(app, people, { ...body, address_id: addressId, moved_out: null, ...extra });
    secrets.push(String(body.name), String(body.id_number));
    return record;
  }

  beforeAll(async () => {
    [home, next] = await addressPoints(2, 10) as [typeof home, typeof next];
    t0 = await dbNow();
    await person(home.id, { name: '王小明', category: 'registered', gender: 'male' });
    await person(home.id, { name: '李小红', category: 'floating', gender: 'female' });
    // Moved out: no longer lives there.
    await person(home.id, { name: '张搬走', category: 'foreign', moved_in: '2020-01-01', moved_out: '2023-06-01' });
    // Deleted: never counted.
    const gone = await person(home.id, { name: '赵删除', category: 'foreign' });
    const deleted = await app.inject({ method: 'DELETE', url: `/api/people/${gone.id}`, payload: { reason: 'duplicate' }, headers: { ...actor, 'if-match': '"1"' } });
    expect(deleted.statusCode).toBe(204);
    await person(next.id, { name: '陈外籍', category: 'foreign', gender: 'female' });
    secrets.push('王小明', '李小红', '张搬走', '赵删除', '陈外籍', '13812345678');
  });

  const items = (query: string) => get(`/api/ogc/collections/people/items?${query}`);
  const noSecrets = (text: string) => { for (const secret of secrets) expect(text).not.toContain(secret); };

  it('returns one feature per address with counts by category', async () => {
    const response = await items(`address_id=${home.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    const body = response.json();
    expect(body).toMatchObject({ type: 'FeatureCollection', numberMatched: 1, numberReturned: 1 });
    const feature = body.features[0];
    expect(feature).toMatchObject({ type: 'Feature', id: home.id, geometry: { type: 'Point', coordinates: [home.x, home.y] } });
    expect(feature.properties).toEqual({
      address_id: home.id, full_address: expect.any(String), people: 2, registered: 1, floating: 1, foreign: 0,
    });
    noSecrets(response.body);
  });

  it('applies bbox to the address point and pages like any collection', async () => {
    const both = `bbox=${around([home, next])}&datetime=${t0}/..`;
    const all = (await items(both)).json();
    expect(all.numberMatched).toBe(2);
    expect(ids(all).sort((a, b) => a - b)).toEqual([home.id, next.id].sort((a, b) => a - b));
    const first = await items(`${both}&limit=1`);
    const firstBody = first.json();
    expect(firstBody).toMatchObject({ numberMatched: 2, numberReturned: 1 });
    const second = await get(pathOf(linkOf(firstBody, 'next')!.href));
    const secondBody = second.json();
    expect(secondBody).toMatchObject({ numberMatched: 2, numberReturned: 1 });
    expect([...ids(firstBody), ...ids(secondBody)].sort((a, b) => a - b)).toEqual(ids(all).sort((a, b) => a - b));
    expect(linkOf(secondBody, 'next')).toBeUndefined();
    expect(linkOf(secondBody, 'prev')).toBeDefined();
    expect((await items(`bbox=${around([home])}&datetime=${t0}/..`)).json().features.map((f: { id: number }) => f.id)).toEqual([home.id]);
    expect((await items('bbox=10,10,10.1,10.1')).json()).toMatchObject({ numberMatched: 0, features: [] });
    noSecrets(first.body + second.body);
  });

  it('counts only the people matching the filters', async () => {
    const floating = (await items(`address_id=${home.id}&category=floating`)).json();
    expect(floating.features[0].properties).toMatchObject({ people: 1, registered: 0, floating: 1, foreign: 0 });
    const foreign = (await items(`bbox=${around([home, next])}&datetime=${t0}/..&category=foreign`)).json();
    expect(ids(foreign)).toEqual([next.id]);
    expect((await items('category=alien')).json().field).toBe('category');
    expect((await items(`name=${encodeURIComponent('王小明')}`)).json().field).toBe('name');
    expect((await items('id_number=1')).json().field).toBe('id_number');
  });

  it('serves one address as a feature, 404 where nobody lives', async () => {
    const response = await get(`/api/ogc/collections/people/items/${home.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: home.id, properties: { people: 2, registered: 1, floating: 1, foreign: 0 } });
    noSecrets(response.body);
    const [empty] = await addressPoints(1, 20);
    expect((await get(`/api/ogc/collections/people/items/${empty!.id}`)).statusCode).toBe(404);
  });

  it('keeps personal fields out of every people response', async () => {
    const bodies = await Promise.all([
      items(''), items('limit=1000'), get('/api/ogc/collections/people'), get('/api/ogc/collections'),
    ]);
    for (const response of bodies) {
      noSecrets(response.body);
      expect(response.body).not.toMatch(/"(name|id_number|phone|birth_date|care_tags)"/);
    }
  });
});

function validKind(): string {
  return (hydrants.fields.kind as { values: readonly string[] }).values[0]!;
}
