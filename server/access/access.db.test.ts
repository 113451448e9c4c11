import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, logIn, TestClock, type LoggedIn } from '../../tests/helpers/accounts.js';
import { CANARY_ID_NUMBER, seedCanary } from '../../tests/helpers/canary.js';
import { decodeTile } from '../../tests/helpers/decode-tile.js';
import { createAt as createRecordAt, doorAddress, type Place } from '../../tests/helpers/places.js';
import { validBody } from '../../tests/helpers/register-fixtures.js';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import { actAs, districtOfficer, useTestApp } from '../../tests/helpers/test-app.js';
import { buildApp } from '../app.js';
import { maskedLogSerializers } from '../http/log-serializers.js';
import { registerById } from '../registers/specs/index.js';
import { lngLatToTile } from '../tiles/tile-math.js';
import { withFailingAudit } from '../../tests/helpers/failing-audit.js';

/**
 * Jurisdiction, masking, reveal and audit end to end: an officer of one beat against records of
 * another station, the canary resident, and the audit rows that reads and writes leave.
 */
let app: FastifyInstance;
useTestApp((built) => { app = built; }, { auth: { revealPerUser: { limit: 3, windowMs: 3_600_000 } } });

let own: Place;
let other: Place;
let officer: LoggedIn;
let officerId: number;

/** Created by the app's default session (an officer of every beat). */
const createAt = (register: string, where: Place, extra: Record<string, unknown> = {}) => createRecordAt(app, registerById(register)!, where, extra);

const as = (session: LoggedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method, url, payload: payload as never, headers: { ...(method === 'GET' ? { cookie: session.cookie } : session.headers), ...headers } });

async function auditRows(condition: ReturnType<typeof sql>) {
  return (await sql<{ action: string; object_ids: string[]; purpose: string | null; outcome: string; username: string | null }>`
    SELECT action, object_ids, purpose, outcome, username FROM audit_log WHERE ${condition} ORDER BY seq`.execute(app.database.db)).rows;
}

beforeAll(async () => {
  own = await doorAddress(app, { last: true });
  other = await doorAddress(app, { last: true, outsideStation: own.stationId });
  const user = await createTestUser(app, 'community_officer', { beatIds: [own.beatId], stationId: own.stationId });
  officerId = user.id;
  officer = await logIn(app, user, new TestClock(Date.now()));
});

describe('jurisdiction', () => {
  it('hides records of another station everywhere: lists, records, search, selection, tiles', async () => {
    const name = `辖区外消火栓${Date.now()}`;
    const theirs = await createAt('hydrants', other, { code: name });
    const mine = await createAt('hydrants', own);

    const list = (await as(officer, 'GET', `/api/hydrants?address_id=${other.addressId}`)).json();
    expect(list.items.map((h: { id: number }) => h.id)).not.toContain(theirs.id);
    expect((await app.inject(`/api/hydrants?address_id=${other.addressId}`)).json().items.map((h: { id: number }) => h.id)).toContain(theirs.id);

    const outside = await as(officer, 'GET', `/api/hydrants/${theirs.id}`);
    const missing = await as(officer, 'GET', '/api/hydrants/1999999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toBe(missing.json().error);
    expect((await as(officer, 'GET', `/api/hydrants/${mine.id}`)).statusCode).toBe(200);
    expect((await as(officer, 'GET', `/api/hydrants/${theirs.id}/history`)).statusCode).toBe(404);
    expect((await as(officer, 'GET', `/api/ogc/collections/hydrants/items/${theirs.id}`)).statusCode).toBe(404);

    const hits = (response: { json(): { groups: { register: string; hits: { id: number }[] }[] } }) =>
      response.json().groups.flatMap((g) => g.hits.map((h) => `${g.register}/${h.id}`));
    expect(hits(await as(officer, 'GET', `/api/search?q=${encodeURIComponent(name)}`))).not.toContain(`hydrants/${theirs.id}`);
    expect(hits(await app.inject(`/api/search?q=${encodeURIComponent(name)}`))).toContain(`hydrants/${theirs.id}`);

    const [x, y] = other.point;
    const square = { type: 'Polygon', coordinates: [[[x - 1e-4, y - 1e-4], [x + 1e-4, y - 1e-4], [x + 1e-4, y + 1e-4], [x - 1e-4, y + 1e-4], [x - 1e-4, y - 1e-4]]] };
    const selected = (await as(officer, 'POST', '/api/selection', { geometry: square, registers: ['hydrants'] })).json();
    expect(selected.registers.flatMap((r: { items: { id: number }[] }) => r.items.map((i) => i.id))).not.toContain(theirs.id);

    const tile = lngLatToTile(x, y, 16);
    const url = `/api/tiles/hydrants/16/${tile.x}/${tile.y}.mvt`;
    const ids = (body: Buffer) => (body.length ? decodeTile(new Uint8Array(body)).hydrants ?? [] : []).map((f) => f.id);
    expect(ids((await as(officer, 'GET', url)).rawPayload)).not.toContain(theirs.id);
    expect(ids((await app.inject(url)).rawPayload)).toContain(theirs.id);
  });

  it('refuses writes outside the own beats with 403, and creating a record there', async () => {
    const theirsInStation = await app.database.pool.query<{ id: number }>('SELECT id FROM beats WHERE station_id = $1 AND id <> $2 LIMIT 1', [own.stationId, own.beatId]);
    const mine = await createAt('hydrants', own);
    const patched = await as(officer, 'PATCH', `/api/hydrants/${mine.id}`, { reason: 'checked' }, { 'if-match': '"1"' });
    expect(patched.statusCode, patched.body).toBe(200);
    const created = await as(officer, 'POST', '/api/hydrants', { ...(await validBody(app, registerById('hydrants')!)), geometry: { type: 'Point', coordinates: other.point } });
    expect(created.statusCode).toBe(403);
    expect(created.json().field).toBe('geometry');
    if (theirsInStation.rows.length === 0) return;
    // A move out of the own beats is refused and changes nothing.
    const moved = await as(officer, 'PATCH', `/api/hydrants/${mine.id}`, { geometry: { type: 'Point', coordinates: other.point } }, { 'if-match': '"1"' });
    expect(moved.statusCode).toBe(403);
    expect((await as(officer, 'GET', `/api/hydrants/${mine.id}`)).json().version).toBe(1);
  });

  it('shows a case\'s links only to records the caller may read', async () => {
    const person = await createAt('people', own, { moved_out: null });
    const kase = await createAt('cases', other);
    const linked = await app.inject({ method: 'POST', url: `/api/people/${person.id}/links`, payload: { type: 'involved_in', to_register: 'cases', to_id: kase.id, role: 'witness' } });
    expect(linked.statusCode, linked.body).toBe(201);
    const all = (await app.inject(`/api/people/${person.id}/links`)).json().map((l: { register: string; id: number }) => `${l.register}/${l.id}`);
    expect(all).toContain(`cases/${kase.id}`);
    const mine = (await as(officer, 'GET', `/api/people/${person.id}/links`)).json().map((l: { register: string; id: number }) => `${l.register}/${l.id}`);
    expect(mine).not.toContain(`cases/${kase.id}`);
  });
});

describe('personal data', () => {
  it('never sends the canary resident\'s ID number unrevealed: records, lists, history, search, OGC, selection', async () => {
    const find = () => app.database.pool.query<{ id: number; address_id: number }>('SELECT id, address_id FROM people WHERE id_number = $1', [CANARY_ID_NUMBER]);
    // Seeded by the global setup; a test that reseeds the district (seed-district.db.test.ts) removes it.
    if ((await find()).rows.length === 0) await seedCanary(app.database.db);
    const canary = (await find()).rows[0]!;
    const masked = `${CANARY_ID_NUMBER.slice(0, 6)}********${CANARY_ID_NUMBER.slice(-4)}`;
    const bodies = await Promise.all([
      `/api/people/${canary.id}`, `/api/people?address_id=${canary.address_id}`, `/api/people/${canary.id}/history`,
      `/api/people/${canary.id}?asOf=${encodeURIComponent(new Date().toISOString())}`, `/api/search?q=${CANARY_ID_NUMBER}`,
      `/api/ogc/collections/people/items?address_id=${canary.address_id}`, `/api/addresses-not-a-route/${CANARY_ID_NUMBER}`,
    ].map(async (url) => ({ url, response: await app.inject(url) })));
    for (const { url, response } of bodies) {
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(500);
      expect(response.body, url).not.toContain(CANARY_ID_NUMBER);
    }
    const record = bodies[0]!.response.json();
    expect(record).toMatchObject({ id_number: masked, phone: '139****1111', care_tags: null });
    expect(record.masked).toEqual(expect.arrayContaining(['id_number', 'phone', 'care_tags']));
    expect(bodies[4]!.response.json().groups.find((g: { register: string }) => g.register === 'people').hits.map((h: { id: number }) => h.id)).toContain(canary.id);
  });

  it('keeps the canary out of log lines, even when it is in the URL', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logged = await buildApp({ database: await openTestDatabase(), logger: { level: 'info', stream, serializers: maskedLogSerializers } });
    try {
      actAs(logged, await logIn(logged, await districtOfficer(logged), new TestClock()));
      expect((await logged.inject(`/api/search?q=${CANARY_ID_NUMBER}`)).statusCode).toBe(200);
      expect((await logged.inject(`/api/people?id_number=${CANARY_ID_NUMBER}`)).statusCode).toBeLessThan(500);
    } finally {
      await logged.close();
      await logged.database.close();
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain(CANARY_ID_NUMBER);
  });

  it('reveals to an allowed role with a purpose, audits it, and rate limits it', async () => {
    const person = await createAt('people', own, { phone: '13700002222' });
    const revealed = await as(officer, 'POST', `/api/people/${person.id}/reveal`, { purpose: '入户走访核对', reason: '登记信息核实' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json().fields.phone).toBe('13700002222');
    expect(revealed.json().fields.id_number).toMatch(/^\d{17}[\dX]$/);
    const audit = await auditRows(sql`action = 'people.reveal' AND ${String(person.id)} = ANY (object_ids)`);
    expect(audit).toEqual([expect.objectContaining({ purpose: '入户走访核对', outcome: 'success' })]);

    expect((await as(officer, 'POST', `/api/people/${person.id}/reveal`, { purpose: 'x', reason: 'too short purpose' })).statusCode).toBe(400);
    for (let i = 0; i < 2; i++) await as(officer, 'POST', `/api/people/${person.id}/reveal`, { purpose: '入户走访', reason: '核对' });
    const limited = await as(officer, 'POST', `/api/people/${person.id}/reveal`, { purpose: '入户走访', reason: '核对' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('audit of reads and writes', () => {
  it('logs which people and cases were read, through which route', async () => {
    const kase = await createAt('cases', own);
    await as(officer, 'GET', `/api/cases/${kase.id}`);
    const rows = await auditRows(sql`action = 'cases.read' AND user_id = ${officerId} AND ${String(kase.id)} = ANY (object_ids)`);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('logs the single cases a tile hands out (z17–18), not the cells below', async () => {
    const kase = await createAt('cases', own);
    const single = lngLatToTile(own.point[0], own.point[1], 17);
    const response = await as(officer, 'GET', `/api/tiles/cases/17/${single.x}/${single.y}.mvt`);
    expect(response.statusCode).toBe(200);
    const rows = await auditRows(sql`action = 'cases.read' AND user_id = ${officerId} AND ${String(kase.id)} = ANY (object_ids)`);
    expect(rows.length).toBe(1);
    const before = (await auditRows(sql`action = 'cases.read' AND user_id = ${officerId}`)).length;
    const cells = lngLatToTile(own.point[0], own.point[1], 14);
    expect((await as(officer, 'GET', `/api/tiles/cases/14/${cells.x}/${cells.y}.mvt`)).statusCode).toBe(200);
    expect((await auditRows(sql`action = 'cases.read' AND user_id = ${officerId}`)).length).toBe(before);
  });

  it('logs every selection (what the client exports) with the records in it', async () => {
    const hydrant = await createAt('hydrants', own);
    const [x, y] = own.point;
    const square = { type: 'Polygon', coordinates: [[[x - 1e-4, y - 1e-4], [x + 1e-4, y - 1e-4], [x + 1e-4, y + 1e-4], [x - 1e-4, y + 1e-4], [x - 1e-4, y - 1e-4]]] };
    expect((await as(officer, 'POST', '/api/selection', { geometry: square, registers: ['hydrants'] })).statusCode).toBe(200);
    const rows = await auditRows(sql`action = 'selection.export' AND user_id = ${officerId} AND ${`hydrants/${hydrant.id}`} = ANY (object_ids)`);
    expect(rows).toHaveLength(1);
  });

  it('logs every write in its transaction; a failing audit write fails the write and keeps nothing', async () => {
    const hydrant = await createAt('hydrants', own);
    expect(await auditRows(sql`action = 'hydrants.create' AND ${String(hydrant.id)} = ANY (object_ids)`)).toHaveLength(1);
    await withFailingAudit(app.database.db, 'hydrants.update', hydrant.id, async () => {
      const patched = await app.inject({ method: 'PATCH', url: `/api/hydrants/${hydrant.id}`, payload: { status: 'faulty' }, headers: { 'if-match': '"1"' } });
      expect(patched.statusCode).toBe(500);
      expect(patched.body).not.toMatch(/audit store|INSERT/);
    });
    const after = (await app.inject(`/api/hydrants/${hydrant.id}`)).json();
    expect(after.version).toBe(1);
    expect((await app.inject(`/api/hydrants/${hydrant.id}/history`)).json()).toHaveLength(1);
  });

  it('logs links made and removed, each in its write', async () => {
    const person = await createAt('people', own, { moved_out: null });
    const kase = await createAt('cases', own);
    const linked = await as(officer, 'POST', `/api/people/${person.id}/links`, { type: 'involved_in', to_register: 'cases', to_id: kase.id, role: 'witness' });
    expect(linked.statusCode, linked.body).toBe(201);
    const { linkId } = linked.json() as { linkId: number };
    expect(await auditRows(sql`action = 'people.link' AND user_id = ${officerId} AND ${String(linkId)} = ANY (object_ids)`)).toHaveLength(1);
    const removed = await as(officer, 'DELETE', `/api/people/${person.id}/links/${linkId}`, { reason: '误关联' });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await auditRows(sql`action = 'people.unlink' AND user_id = ${officerId} AND ${String(linkId)} = ANY (object_ids)`)).toHaveLength(1);
  });

  it('logs refused requests', async () => {
    const analyst = await logIn(app, await createTestUser(app, 'analyst', { stationId: own.stationId }), new TestClock(Date.now()));
    expect((await as(analyst, 'GET', '/api/people')).statusCode).toBe(403);
    const rows = await auditRows(sql`action = 'read.denied' AND object_type = 'people' AND outcome = 'denied' AND username LIKE 't-analyst-%'`);
    expect(rows.length).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: '/api/people', headers: { cookie: '' } })).statusCode).toBe(401);
  });
});
