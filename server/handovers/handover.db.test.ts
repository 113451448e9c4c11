import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, logIn, TestClock, type LoggedIn, type TestUser } from '../../tests/helpers/accounts.js';
import { createAt, type Place } from '../../tests/helpers/places.js';
import { useTestApp } from '../../tests/helpers/test-app.js';
import { withFailingAudit } from '../../tests/helpers/failing-audit.js';
import { verifyAuditChain } from '../audit/audit-log.js';
import type { Role } from '../auth/account-tables.js';
import { registerById } from '../registers/specs/index.js';

/**
 * Handovers end to end: what the recipient and the outgoing officer may do at each step, what each
 * step stores, what it audits, and that a refused or failed step stores nothing.
 *
 * The station with the most beats gives beats A (handed over and completed), B (handed over and
 * cancelled) and C (the recipients' own beat: a handover officer without any beat may read no
 * register at all, and would get 403 where this file expects the 404 of "not in my jurisdiction").
 */
let app: FastifyInstance;
useTestApp((built) => { app = built; });

const clock = new TestClock(Date.now());
let admin: LoggedIn;
let station: number;
let otherStation: number;
let beatA: number;
let beatB: number;
let beatC: number;
let foreignBeat: number;
/** Owned beat A, and has since rotated to another station: after the handover, A is outside their reach. */
let outgoing: TestUser;
let outgoingSession: LoggedIn;
let recipient: TestUser;
let recipientSession: LoggedIn;
/** A hydrant in beat A and one in beat B, created by the app's default session (an officer of every beat). */
let hydrantA: number;
let hydrantB: number;

const as = (session: LoggedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method, url, payload: payload as never, headers: { ...(method === 'GET' ? { cookie: session.cookie } : session.headers), ...headers } });
const start = (body: Record<string, unknown>) => as(admin, 'POST', '/api/admin/handovers', { reason: 'officer rotates', ...body });
const readHydrant = (session: LoggedIn, id: number) => as(session, 'GET', `/api/hydrants/${id}`);
const db = () => app.database.db;

async function userState(id: number) {
  return (await sql<{ role: Role; beat_ids: number[]; handover_beat_ids: number[]; updated_at: string }>`
    SELECT role, beat_ids, handover_beat_ids, updated_at FROM users WHERE id = ${id}`.execute(db())).rows[0]!;
}

async function auditEntries(action: string, handoverId: number) {
  return (await sql<{ action: string; object_type: string; object_ids: string[]; reason: string; outcome: string; detail: string; user_id: number }>`
    SELECT action, object_type, object_ids, reason, outcome, detail, user_id FROM audit_log
     WHERE action = ${action} AND object_type = 'handover' AND object_ids[1] = ${String(handoverId)} ORDER BY seq`.execute(db())).rows;
}

/** Everything a handover step can change: handovers, the audit chain, the users' beats and roles, the officers of record. */
async function snapshot(userIds: number[]) {
  const handovers = (await sql<{ n: number }>`SELECT count(*)::integer AS n FROM handovers`.execute(db())).rows[0]!.n;
  const head = (await sql<{ seq: number }>`SELECT seq FROM audit_chain_head`.execute(db())).rows[0]!.seq;
  const users = (await sql`SELECT id, role, beat_ids, handover_beat_ids, updated_at FROM users WHERE id IN (${sql.join(userIds)}) ORDER BY id`.execute(db())).rows;
  const beats = (await sql`SELECT id, officer_name, officer_badge FROM beats ORDER BY id`.execute(db())).rows;
  return { handovers, head, users, beats };
}

async function doorIn(beatId: number): Promise<Place> {
  const { rows } = await app.database.pool.query<{ id: number; x: number; y: number; station_id: number }>(
    `SELECT a.id, ST_X(a.geom) AS x, ST_Y(a.geom) AS y, b.station_id FROM standard_addresses a JOIN beats b ON b.id = a.beat_id
      WHERE a.level = 'door' AND a.beat_id = $1 ORDER BY a.id LIMIT 1`, [beatId]);
  if (!rows[0]) throw new Error(`no door address in beat ${beatId}`);
  return { beatId, stationId: rows[0].station_id, addressId: rows[0].id, point: [rows[0].x, rows[0].y] };
}

async function signedIn(role: Role, options: Parameters<typeof createTestUser>[2] = {}): Promise<{ user: TestUser; session: LoggedIn }> {
  const user = await createTestUser(app, role, options);
  return { user, session: await logIn(app, user, clock) };
}

beforeAll(async () => {
  const { rows } = await app.database.pool.query<{ station_id: number; beats: number[] }>(
    'SELECT station_id, array_agg(id ORDER BY id) AS beats FROM beats GROUP BY station_id ORDER BY count(*) DESC, station_id');
  if (rows.length < 2 || rows[0]!.beats.length < 3) throw new Error('the test district needs two stations, one with three beats');
  station = rows[0]!.station_id;
  [beatA, beatB, beatC] = rows[0]!.beats as [number, number, number];
  otherStation = rows[1]!.station_id;
  foreignBeat = rows[1]!.beats[0]!;
  admin = (await signedIn('admin')).session;
  ({ user: outgoing, session: outgoingSession } = await signedIn('community_officer', { stationId: otherStation, beatIds: [beatA] }));
  ({ user: recipient, session: recipientSession } = await signedIn('handover_officer', { stationId: station, beatIds: [beatC] }));
  const hydrants = registerById('hydrants')!;
  hydrantA = (await createAt(app, hydrants, await doorIn(beatA))).id;
  hydrantB = (await createAt(app, hydrants, await doorIn(beatB))).id;
});

describe('a handover from start to completion', () => {
  let handoverId: number;

  it('start: the recipient reads the handed-over beat at once, but may not write there yet', async () => {
    expect((await readHydrant(recipientSession, hydrantA)).statusCode).toBe(404);
    expect((await readHydrant(outgoingSession, hydrantA)).statusCode).toBe(200);
    const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();

    const response = await start({ toUserId: recipient.id, fromUserId: outgoing.id, beatIds: [beatA], dueAt, reason: '  officer rotates to another station ' });
    expect(response.statusCode, response.body).toBe(201);
    const handover = response.json();
    handoverId = handover.id;
    expect(handover).toMatchObject({
      beatIds: [beatA], fromUserId: outgoing.id, toUserId: recipient.id, status: 'open', reason: 'officer rotates to another station',
      dueAt, closedBy: null, closedAt: null, closeReason: null,
    });

    expect((await readHydrant(recipientSession, hydrantA)).statusCode).toBe(200);
    const patch = await as(recipientSession, 'PATCH', `/api/hydrants/${hydrantA}`, { reason: 'first visit' }, { 'if-match': '"1"' });
    expect(patch.statusCode).toBe(403);
    expect(await userState(recipient.id)).toMatchObject({ role: 'handover_officer', beat_ids: [beatC], handover_beat_ids: [beatA] });
    expect(await userState(outgoing.id)).toMatchObject({ beat_ids: [beatA] });

    const [entry, ...more] = await auditEntries('handover.start', handoverId);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ outcome: 'success', object_ids: [String(handoverId), String(recipient.id)], reason: 'officer rotates to another station' });
    expect(entry!.detail).toContain(`beats [${beatA}] from user ${outgoing.id} (${outgoing.username}) to user ${recipient.id} (${recipient.username})`);
  });

  it('lists it among the open handovers', async () => {
    const open = await as(admin, 'GET', '/api/admin/handovers?status=open');
    expect(open.statusCode).toBe(200);
    expect(open.json().items.map((h: { id: number }) => h.id)).toContain(handoverId);
    expect(open.json().items.every((h: { status: string }) => h.status === 'open')).toBe(true);
    const completed = await as(admin, 'GET', '/api/admin/handovers?status=completed');
    expect(completed.json().items.map((h: { id: number }) => h.id)).not.toContain(handoverId);
    expect((await as(admin, 'GET', '/api/admin/handovers?status=lost')).statusCode).toBe(400);
  });

  it('complete: the beat becomes the recipient\'s own, leaves the outgoing officer and names its new officer of record', async () => {
    const response = await as(admin, 'POST', `/api/admin/handovers/${handoverId}/complete`, { reason: 'package reviewed and signed' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: handoverId, status: 'completed', closeReason: 'package reviewed and signed', closedAt: expect.any(String) });

    expect(await userState(recipient.id)).toMatchObject({ role: 'community_officer', beat_ids: [beatA, beatC].sort((a, b) => a - b), handover_beat_ids: [] });
    expect(await userState(outgoing.id)).toMatchObject({ beat_ids: [] });
    const patch = await as(recipientSession, 'PATCH', `/api/hydrants/${hydrantA}`, { reason: 'first visit' }, { 'if-match': '"1"' });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await readHydrant(outgoingSession, hydrantA)).statusCode).toBe(404);
    const beat = (await sql<{ officer_name: string; officer_badge: string | null }>`SELECT officer_name, officer_badge FROM beats WHERE id = ${beatA}`.execute(db())).rows[0];
    expect(beat).toEqual({ officer_name: 'Test handover_officer', officer_badge: null });

    const [entry] = await auditEntries('handover.complete', handoverId);
    expect(entry).toMatchObject({ outcome: 'success', object_ids: [String(handoverId), String(recipient.id)], reason: 'package reviewed and signed' });
    expect(entry!.detail).toContain('role handover_officer → community_officer');
  });

  it('refuses to complete or cancel it again (409), changing nothing', async () => {
    const before = await snapshot([recipient.id, outgoing.id]);
    for (const step of ['complete', 'cancel']) {
      const response = await as(admin, 'POST', `/api/admin/handovers/${handoverId}/${step}`, { reason: 'again' });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ field: 'id', message: `id: handover ${handoverId} is completed; only an open handover can be ${step === 'complete' ? 'completed' : 'cancelled'}` });
    }
    expect(await snapshot([recipient.id, outgoing.id])).toEqual(before);
  });
});

describe('a cancelled handover', () => {
  let other: { user: TestUser; session: LoggedIn };
  let handoverId: number;

  beforeAll(async () => {
    other = await signedIn('handover_officer', { stationId: station, beatIds: [beatC] });
  });

  it('gives the recipient the beat while open, and a second handover of it is refused (409) without a trace', async () => {
    expect((await readHydrant(other.session, hydrantB)).statusCode).toBe(404);
    const response = await start({ toUserId: other.user.id, beatIds: [beatB], reason: 'beat B is vacant' });
    expect(response.statusCode, response.body).toBe(201);
    handoverId = response.json().id;
    expect(response.json().fromUserId).toBeNull();
    expect((await readHydrant(other.session, hydrantB)).statusCode).toBe(200);

    const before = await snapshot([recipient.id, other.user.id]);
    const twice = await start({ toUserId: recipient.id, beatIds: [beatB] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ field: 'beatIds', message: `beatIds: beat ${beatB} is already in open handover ${handoverId}` });
    expect(await snapshot([recipient.id, other.user.id])).toEqual(before);
  });

  it('cancel: the recipient no longer reads the beat', async () => {
    const response = await as(admin, 'POST', `/api/admin/handovers/${handoverId}/cancel`, { reason: 'beat B goes to another station' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'cancelled', closeReason: 'beat B goes to another station' });
    expect((await readHydrant(other.session, hydrantB)).statusCode).toBe(404);
    expect(await userState(other.user.id)).toMatchObject({ role: 'handover_officer', beat_ids: [beatC], handover_beat_ids: [] });

    const [entry] = await auditEntries('handover.cancel', handoverId);
    expect(entry).toMatchObject({ outcome: 'success', object_ids: [String(handoverId), String(other.user.id)], reason: 'beat B goes to another station' });
  });
});

describe('refused requests store nothing', () => {
  it('answers 400 naming the field for every invalid start', async () => {
    const commander = await createTestUser(app, 'commander', { stationId: station });
    const disabled = await createTestUser(app, 'handover_officer', { stationId: station, beatIds: [beatC] });
    await sql`UPDATE users SET disabled_at = now() WHERE id = ${disabled.id}`.execute(db());
    const stationless = await createTestUser(app, 'handover_officer', { beatIds: [beatC] });
    const fresh = await createTestUser(app, 'handover_officer', { stationId: station, beatIds: [beatC] });
    const missingUser = 1_999_999_999;
    const cases: [Record<string, unknown>, string, string | RegExp][] = [
      [{ toUserId: missingUser, beatIds: [beatB] }, 'toUserId', `toUserId: no user with id ${missingUser}`],
      [{ toUserId: disabled.id, beatIds: [beatB] }, 'toUserId', `toUserId: user ${disabled.id} is disabled`],
      [{ toUserId: commander.id, beatIds: [beatB] }, 'toUserId', `toUserId: user ${commander.id} is a commander; beats go to a community_officer or a handover_officer`],
      [{ toUserId: stationless.id, beatIds: [beatB] }, 'toUserId', `toUserId: user ${stationless.id} has no station`],
      [{ toUserId: fresh.id, beatIds: [999_999] }, 'beatIds', 'beatIds: no beat with id 999999'],
      [{ toUserId: fresh.id, beatIds: [beatB, foreignBeat] }, 'beatIds', `beatIds: beat ${foreignBeat} belongs to station ${otherStation}, not to station ${station} of user ${fresh.id}`],
      [{ toUserId: fresh.id, beatIds: [beatC] }, 'beatIds', `beatIds: beat ${beatC} is already a beat of user ${fresh.id}`],
      [{ toUserId: fresh.id, fromUserId: missingUser, beatIds: [beatB] }, 'fromUserId', `fromUserId: no user with id ${missingUser}`],
      [{ toUserId: fresh.id, fromUserId: outgoing.id, beatIds: [beatB] }, 'fromUserId', `fromUserId: user ${outgoing.id} does not hold beat ${beatB}`],
      [{ toUserId: fresh.id, fromUserId: fresh.id, beatIds: [beatB] }, 'fromUserId', 'fromUserId: the outgoing officer cannot also be the recipient'],
      [{ toUserId: fresh.id, beatIds: [beatB], dueAt: '2020-01-01T00:00:00Z' }, 'dueAt', /^dueAt: must be in the future/],
      [{ toUserId: fresh.id, beatIds: [beatB], dueAt: 'next week' }, 'body.dueAt', /^body\.dueAt: /],
      [{ toUserId: fresh.id, beatIds: [beatB], reason: '   ' }, 'reason', 'reason: must say why (it is kept in the audit log)'],
      [{ toUserId: fresh.id, beatIds: [beatB], reason: '' }, 'body.reason', /^body\.reason: /],
      [{ toUserId: fresh.id, beatIds: [] }, 'body.beatIds', /^body\.beatIds: /],
      [{ toUserId: fresh.id, beatIds: [beatB, beatB] }, 'body.beatIds', /^body\.beatIds: /],
      [{ toUserId: fresh.id, beatIds: Array.from({ length: 51 }, (_, i) => i + 1) }, 'body.beatIds', /^body\.beatIds: /],
      [{ beatIds: [beatB] }, 'body.toUserId', /^body\.toUserId: /],
    ];
    const users = [fresh.id, disabled.id, commander.id, stationless.id, outgoing.id, recipient.id];
    const before = await snapshot(users);
    for (const [body, field, message] of cases) {
      const response = await start(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().field, JSON.stringify(body)).toBe(field);
      expect(response.json().message, JSON.stringify(body)).toMatch(message);
    }
    expect(await snapshot(users)).toEqual(before);
  });

  it('answers 404 for a handover that does not exist, 400 for a step without a reason', async () => {
    const before = await snapshot([recipient.id]);
    for (const step of ['complete', 'cancel']) {
      const missing = await as(admin, 'POST', `/api/admin/handovers/1999999999/${step}`, { reason: 'tidy up' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().message).toBe('no handover with id 1999999999');
      expect((await as(admin, 'POST', `/api/admin/handovers/1999999999/${step}`, {})).statusCode).toBe(400);
    }
    expect(await snapshot([recipient.id])).toEqual(before);
  });

  it('refuses every role but admin with 403, and audits each refusal', async () => {
    const body = { toUserId: recipient.id, beatIds: [beatB], reason: 'not mine to give' };
    const callers: [Role, LoggedIn][] = [['community_officer', outgoingSession], ['handover_officer', (await signedIn('handover_officer', { stationId: station, beatIds: [beatC] })).session]];
    for (const role of ['commander', 'analyst', 'auditor'] as const) callers.push([role, (await signedIn(role, { stationId: station })).session]);
    const before = await snapshot([recipient.id]);
    for (const [role, session] of callers) {
      expect((await as(session, 'POST', '/api/admin/handovers', body)).statusCode, role).toBe(403);
      expect((await as(session, 'GET', '/api/admin/handovers')).statusCode, role).toBe(403);
      expect((await as(session, 'POST', '/api/admin/handovers/1/cancel', { reason: 'x' })).statusCode, role).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/admin/handovers', headers: { cookie: '' } })).statusCode).toBe(401);
    const after = await snapshot([recipient.id]);
    expect({ ...after, head: before.head }).toEqual(before);
    const denied = await sql<{ action: string; n: number }>`
      SELECT action, count(*)::integer AS n FROM audit_log WHERE seq > ${before.head} AND outcome = 'denied'
         AND detail LIKE '% /api/admin/handovers%' GROUP BY action ORDER BY action`.execute(db());
    // The anonymous call is refused before any role is known: audited as a denied `accounts` request.
    expect(denied.rows).toEqual([{ action: 'accounts.denied', n: 1 }, { action: 'admin.denied', n: callers.length * 3 }]);
  });
});

describe('fail-closed audit', () => {
  it('a start whose audit row cannot be written leaves no handover and no change to the users', async () => {
    const officer = await createTestUser(app, 'handover_officer', { stationId: station, beatIds: [beatC] });
    const before = await snapshot([officer.id]);
    await withFailingAudit(db(), 'handover.start', officer.id, async () => {
      const response = await start({ toUserId: officer.id, beatIds: [beatB] });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toMatch(/audit store unavailable|audit_log|INSERT/);
    });
    expect(await snapshot([officer.id])).toEqual(before);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('a completion whose audit row cannot be written leaves the handover open and the beat where it was', async () => {
    const officer = await createTestUser(app, 'handover_officer', { stationId: station, beatIds: [beatC] });
    const started = await start({ toUserId: officer.id, fromUserId: recipient.id, beatIds: [beatA] });
    expect(started.statusCode, started.body).toBe(201);
    const before = await snapshot([officer.id, recipient.id]);
    await withFailingAudit(db(), 'handover.complete', officer.id, async () => {
      expect((await as(admin, 'POST', `/api/admin/handovers/${started.json().id}/complete`, { reason: 'signed' })).statusCode).toBe(500);
    });
    expect(await snapshot([officer.id, recipient.id])).toEqual(before);
    const row = (await sql<{ status: string }>`SELECT status FROM handovers WHERE id = ${started.json().id}`.execute(db())).rows[0];
    expect(row).toEqual({ status: 'open' });
    // Leave beat A free for whatever runs next.
    expect((await as(admin, 'POST', `/api/admin/handovers/${started.json().id}/cancel`, { reason: 'test done' })).statusCode).toBe(200);
  });
});
