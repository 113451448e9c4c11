import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createRecord, geometryFor, insidePoint, syntheticCreditCode, syntheticIdNumber, validBody } from '../../tests/helpers/register-fixtures.js';
import type { FieldSpec } from './register-spec.js';
import { districtOfficer, signedInAs, useTestApp } from '../../tests/helpers/test-app.js';
import { createTestUser, logIn, TestClock } from '../../tests/helpers/accounts.js';
import { REGISTERS } from './specs/index.js';

let app: FastifyInstance;
useTestApp((built) => { app = built; });

const actor = {};

describe.each(REGISTERS.map((spec) => [spec.id, spec] as const))('%s', (_id, spec) => {
  const url = `/api/${spec.id}`;

  it('create → read → patch → history → asOf → delete round trip', async () => {
    const body = await validBody(app, spec);
    const created = await createRecord(app, spec, body);
    expect(created.version).toBe(1);
    expect(created.beat_id).toEqual(expect.any(Number));
    expect(created.community_id).toEqual(expect.any(Number));
    expect(created.collected_by).toBe(signedInAs(app));

    const read = await app.inject(`${url}/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual(created);
    const createdAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const [field, value] = patchable(spec);
    const noMatch = await app.inject({ method: 'PATCH', url: `${url}/${created.id}`, payload: { [field]: value }, headers: actor });
    expect(noMatch.statusCode).toBe(428);
    const stale = await app.inject({ method: 'PATCH', url: `${url}/${created.id}`, payload: { [field]: value }, headers: { ...actor, 'if-match': '"7"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers.etag).toBe('"1"');
    const patched = await app.inject({
      method: 'PATCH', url: `${url}/${created.id}`, payload: { [field]: value, source: 'phone', reason: 'resident called' },
      headers: { ...actor, 'if-match': '"1"' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    expect(patched.json()[field]).toEqual(value);

    const history = (await app.inject(`${url}/${created.id}/history`)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'update']);
    expect(history[1]).toMatchObject({ version: 2, actor: signedInAs(app), source: 'phone', reason: 'resident called',
      changes: { [field]: { from: body[field] ?? null, to: value } } });

    const asOf = await app.inject(`${url}/${created.id}?asOf=${encodeURIComponent(createdAt)}`);
    expect(asOf.statusCode).toBe(200);
    expect(asOf.json()[field]).toEqual(created[field]);

    const verify = await app.inject({ method: 'POST', url: `${url}/${created.id}/verify`, payload: { how: 'field_visit' }, headers: actor });
    expect(verify.json()).toMatchObject({ verified_by: signedInAs(app), verified_how: 'field_visit', version: 3 });

    const noReason = await app.inject({ method: 'DELETE', url: `${url}/${created.id}`, payload: {}, headers: { ...actor, 'if-match': '"3"' } });
    expect(noReason.statusCode).toBe(400);
    const deleted = await app.inject({ method: 'DELETE', url: `${url}/${created.id}`, payload: { reason: 'moved away' }, headers: { ...actor, 'if-match': '"3"' } });
    expect(deleted.statusCode).toBe(204);
    expect((await app.inject(`${url}/${created.id}`)).statusCode).toBe(404);
    const list = (await app.inject(`${url}?limit=1000`)).json();
    expect(list.items.map((r: { id: number }) => r.id)).not.toContain(created.id);
    const after = (await app.inject(`${url}/${created.id}/history`)).json();
    expect(after.at(-1)).toMatchObject({ action: 'delete', reason: 'moved away', version: 4 });
  });

  it('refuses bad input with a field-named 400/422 and writes nothing', async () => {
    const body = await validBody(app, spec);
    const before = (await app.inject(`${url}?limit=1`)).json().total;
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ ...body, id: 5 }, 400, /must NOT have additional properties|id/],
      [{ ...body, version: 9 }, 400, /additional properties|version/],
      [{ ...body, beat_id: 3 }, 400, /additional properties|beat_id/],
      [{ ...body, geometry: { ...geometryFor(spec, [121.55, 29.87]), crs: { type: 'name' } } }, 400, /geometry/],
      [{ ...body, geometry: geometryFor(spec, [10, 10]) }, 422, /^geometry: lies outside the district$/],
      [{ ...body, geometry: { type: spec.geometry === 'Point' ? 'LineString' : 'Point', coordinates: [121.55, 29.87] } }, 400, /^geometry: /],
      [{ ...body, geometry: { type: spec.geometry, coordinates: ['a', 'b'] } }, 400, /^geometry: /],
    ];
    for (const [payload, status, message] of cases) {
      const response = await app.inject({ method: 'POST', url, payload, headers: actor });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 120)).toBe(status);
      expect(response.json().message).toMatch(message);
    }
    expect((await app.inject(`${url}?limit=1`)).json().total).toBe(before);
  });

  it('asOf(T) equals the record as it was at T after a random sequence of edits (and refused edits change nothing)', async () => {
    const created = await createRecord(app, spec, await validBody(app, spec));
    let seed = 1000 + REGISTERS.indexOf(spec);
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const editable = Object.entries(spec.fields).filter(([, field]) => field.kind !== 'ref' && field.kind !== 'code');
    const [x0, y0] = (await insidePoint(app)) as [number, number];
    let current = (await app.inject(`${url}/${created.id}`)).json();
    const snapshots = [{ at: new Date().toISOString(), record: current }];
    for (let step = 0; step < 8; step++) {
      await new Promise((resolve) => setTimeout(resolve, 3));
      const change: Record<string, unknown> = {};
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        const [name, field] = pick(editable);
        change[name] = await randomValue(field, name, random);
      }
      if (random() < 0.3) change.geometry = geometryFor(spec, [x0 + (random() - 0.5) * 0.002, y0 + (random() - 0.5) * 0.002]);
      const response = await app.inject({ method: 'PATCH', url: `${url}/${created.id}`, payload: change, headers: { ...actor, 'if-match': `"${current.version}"` } });
      if (response.statusCode !== 200) {
        // A combination the field rules refuse (a date before another, say): a 4xx and nothing written.
        expect([400, 422], response.body).toContain(response.statusCode);
        expect((await app.inject(`${url}/${created.id}`)).json()).toEqual(current);
        continue;
      }
      current = response.json();
      await new Promise((resolve) => setTimeout(resolve, 3));
      snapshots.push({ at: new Date().toISOString(), record: current });
    }
    expect(snapshots.length).toBeGreaterThan(3);
    for (const { at, record } of snapshots) {
      expect((await app.inject(`${url}/${created.id}?asOf=${encodeURIComponent(at)}`)).json(), at).toEqual(record);
    }
  });

  it('lets exactly one of several concurrent patches with the same If-Match win', async () => {
    const created = await createRecord(app, spec, await validBody(app, spec));
    const [field, value] = patchable(spec);
    const responses = await Promise.all(Array.from({ length: 5 }, () => app.inject({
      method: 'PATCH', url: `${url}/${created.id}`, payload: { [field]: value }, headers: { ...actor, 'if-match': '"1"' },
    })));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 412, 412, 412, 412]);
    expect((await app.inject(`${url}/${created.id}`)).json().version).toBe(2);
  });

  it('loses no acknowledged update when clients race read–modify–write with retries', async () => {
    const created = await createRecord(app, spec, await validBody(app, spec));
    const [field, patched] = patchable(spec);
    // Unique among live records (some text fields are: call signs, codes), unlike the tests' fixed value.
    const value = spec.fields[field]!.kind === 'text' ? `${created.id}${String(patched)}`.slice(0, String(patched).length) : patched;
    let seed = 77 + REGISTERS.indexOf(spec);
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const acknowledged: number[] = [];
    const client = async (name: string) => {
      for (let done = 0; done < 3;) {
        const read = await app.inject(`${url}/${created.id}`);
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
        const reason = `${name}#${done}`;
        const response = await app.inject({ method: 'PATCH', url: `${url}/${created.id}`, payload: { [field]: value, reason }, headers: { ...actor, 'if-match': read.headers.etag as string } });
        expect([200, 412], response.body).toContain(response.statusCode);
        if (response.statusCode === 200) {
          acknowledged.push(response.json().version);
          done++;
        }
      }
    };
    await Promise.all(['a', 'b', 'c', 'd'].map(client));
    expect(acknowledged.sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    const history = (await app.inject(`${url}/${created.id}/history`)).json() as { version: number; reason: string | null }[];
    const updates = history.filter((h) => h.version > 1);
    expect(updates.map((h) => h.version)).toEqual(acknowledged);
    expect(new Set(updates.map((h) => h.reason)).size).toBe(12); // each client's every acknowledged write is there
  });
});

/** A random value of a field's kind, valid on its own (cross-field rules may still refuse it). */
async function randomValue(field: FieldSpec, name: string, random: () => number): Promise<unknown> {
  if (!field.required && random() < 0.15) return null;
  switch (field.kind) {
    case 'text':
      if (field.check === 'idNumber') return syntheticIdNumber();
      if (field.check === 'creditCode') return syntheticCreditCode();
      if (field.check === 'phone') return `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
      return `随${name.slice(0, 3)}${Math.floor(random() * 1e9)}`.slice(0, field.maxLength ?? 100);
    case 'enum': return field.values[Math.floor(random() * field.values.length)];
    case 'enumSet': return field.values.filter(() => random() < 0.5);
    case 'integer': return field.min + Math.floor(random() * (Math.min(field.max, field.min + 1000) - field.min + 1));
    case 'number': return Math.round((field.min + random() * (Math.min(field.max, field.min + 1000) - field.min)) * 100) / 100;
    case 'date': return `20${10 + Math.floor(random() * 15)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    case 'datetime': return new Date(Date.UTC(2015 + Math.floor(random() * 10), Math.floor(random() * 12), 1 + Math.floor(random() * 28), Math.floor(random() * 24))).toISOString();
    case 'boolean': return random() < 0.5;
    default: return null;
  }
}

/** A field of the register and a new valid value for it. */
function patchable(spec: (typeof REGISTERS)[number]): [string, unknown] {
  for (const [name, field] of Object.entries(spec.fields)) {
    if (field.kind === 'text' && !field.check && name !== 'code') return [name, `改后${name}`.slice(0, field.maxLength ?? 50)];
    if (field.kind === 'enum' && field.values.length > 1 && name !== 'code_system') return [name, field.values[1]];
  }
  throw new Error(`no patchable field in ${spec.id}`);
}

describe('lists in a bbox', () => {
  it('pages every live record in the box in id order, with the total of all matches, and past the end an empty page with the same total', async () => {
    const { rows } = await app.database.pool.query<{ x: number; y: number }>(
      'SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM cases WHERE deleted_at IS NULL ORDER BY id LIMIT 1');
    const [x, y] = [rows[0]!.x, rows[0]!.y];
    const bbox = [x - 0.01, y - 0.01, x + 0.01, y + 0.01];
    const { rows: counted } = await app.database.pool.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM cases WHERE deleted_at IS NULL AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)', bbox);
    const expected = counted[0]!.n;
    expect(expected).toBeGreaterThan(3);
    const page = async (limit: number, offset: number) => (await app.inject(`/api/cases?bbox=${bbox.join(',')}&limit=${limit}&offset=${offset}`)).json();
    const first = await page(2, 0);
    const second = await page(2, 2);
    expect(first.total).toBe(expected);
    expect(second.total).toBe(expected);
    const ids = [...first.items, ...second.items].map((r: { id: number }) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(4);
    for (const record of [...first.items, ...second.items]) {
      const [lng, lat] = record.geometry.coordinates as [number, number];
      expect(lng >= bbox[0]! && lng <= bbox[2]! && lat >= bbox[1]! && lat <= bbox[3]!).toBe(true);
    }
    const past = await page(10, expected + 5);
    expect(past.items).toEqual([]);
    expect(past.total).toBe(expected);
    const nowhere = (await app.inject('/api/cases?bbox=0,0,0.001,0.001')).json();
    expect(nowhere).toMatchObject({ items: [], total: 0 });
  });
});

describe('who acts', () => {
  it('is the signed-in user: an X-Actor header cannot speak for someone else', async () => {
    const clock = new TestClock(Date.now());
    const user = await districtOfficer(app);
    const session = await logIn(app, user, clock);
    const spec = REGISTERS.find((r) => r.id === 'hydrants')!;
    const created = await createRecord(app, spec, await validBody(app, spec));
    const [field, value] = patchable(spec);
    const patched = await app.inject({
      method: 'PATCH', url: `/api/hydrants/${created.id}`, payload: { [field]: value },
      headers: { ...session.headers, 'x-actor': 'someone-else', 'if-match': '"1"' },
    });
    expect(patched.statusCode).toBe(200);
    const history = (await app.inject(`/api/hydrants/${created.id}/history`)).json() as { actor: string }[];
    expect(history.at(-1)!.actor).toBe(user.username);
  });
});
