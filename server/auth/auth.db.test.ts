import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestUser, logIn, sessionCookie, TestClock, type TestUser } from '../../tests/helpers/accounts.js';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import { totpAt } from './totp.js';

const MINUTE = 60_000;
const clock = new TestClock();
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildApp({ database: await openTestDatabase(), auth: { clock: clock.now } });
});
afterAll(async () => {
  await app?.close();
  await app?.database.close();
});

const login = (username: string, password: string, totp?: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });
const me = (cookie: string) => app.inject({ url: '/api/auth/me', headers: { cookie } });
const withoutRequestId = (body: string) => {
  const { requestId: _id, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};
const auditOf = async (userId: number, action: string) =>
  (await sql<{ reason: string | null; outcome: string }>`SELECT reason, outcome FROM audit_log WHERE user_id = ${userId} AND action = ${action} ORDER BY seq`
    .execute(app.database.db)).rows;

async function adminSession() {
  const admin = await createTestUser(app, 'admin');
  return logIn(app, admin, clock);
}

describe('login', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and answers with the user and a CSRF token', async () => {
    const user = await createTestUser(app, 'community_officer', { stationId: 1, beatIds: [1] });
    const response = await login(user.username.toUpperCase(), user.password);
    expect(response.statusCode).toBe(200);
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('beat_atlas_session='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).not.toMatch(/; Secure/i); // plain http in tests; set when the request came over https
    expect(response.json()).toMatchObject({ user: { username: user.username, role: 'community_officer', beatIds: [1] }, session: { stage: 'full' } });
    const who = await me(sessionCookie(response.headers['set-cookie']));
    expect(who.statusCode).toBe(200);
    expect(who.json().user.id).toBe(user.id);
    expect((await auditOf(user.id, 'auth.login')).at(-1)).toEqual({ reason: null, outcome: 'success' });
  });

  it('marks the cookie Secure when told the service is behind https', async () => {
    const secure = await buildApp({ database: await openTestDatabase(1), auth: { clock: clock.now, secureCookie: true } });
    try {
      const user = await createTestUser(secure, 'analyst');
      const response = await secure.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
      expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('beat_atlas_session='))).toMatch(/; Secure/i);
    } finally {
      await secure.close();
      await secure.database.close();
    }
  });

  it('answers an unknown user exactly as a wrong password', async () => {
    const user = await createTestUser(app, 'analyst');
    const wrong = await login(user.username, 'not the password at all');
    const unknown = await login(`nobody-${user.username}`, 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
    expect(withoutRequestId(wrong.body)).toEqual({ error: 'invalid_credentials', message: expect.any(String) });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();
    expect(await auditOf(user.id, 'auth.login')).toEqual([{ reason: 'bad_password', outcome: 'failure' }]);
  });

  it('does not truncate: a 100-character password differing in its 73rd character fails', async () => {
    const password = 'k'.repeat(72) + 'Q' + 'z'.repeat(27);
    const user = await createTestUser(app, 'analyst', { password });
    expect((await login(user.username, 'k'.repeat(72) + 'R' + 'z'.repeat(27))).statusCode).toBe(401);
    expect((await login(user.username, password)).statusCode).toBe(200);
  });

  it('names the field of a malformed body without a stack or SQL', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'someone' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad_request', field: 'body.password' });
  });
});

describe('lockout', () => {
  it('locks after 5 failures within 15 minutes: the 6th attempt with the right password is refused until an admin unlocks', async () => {
    const user = await createTestUser(app, 'community_officer');
    const wrong = await login(user.username, 'wrong password 1');
    for (let i = 2; i <= 5; i++) {
      clock.advance(MINUTE);
      expect((await login(user.username, `wrong password ${i}`)).statusCode).toBe(401);
    }
    const sixth = await login(user.username, user.password);
    expect(sixth.statusCode).toBe(401);
    expect(withoutRequestId(sixth.body)).toEqual(withoutRequestId(wrong.body));
    expect(await auditOf(user.id, 'auth.lockout')).toHaveLength(1);
    expect((await auditOf(user.id, 'auth.login')).at(-1)).toEqual({ reason: 'locked', outcome: 'failure' });

    clock.advance(60 * MINUTE); // a lock does not expire by itself
    expect((await login(user.username, user.password)).statusCode).toBe(401);

    const admin = await adminSession();
    const unlock = await app.inject({ method: 'POST', url: `/api/admin/users/${user.id}/unlock`, headers: admin.headers, payload: { reason: 'verified by phone' } });
    expect(unlock.statusCode).toBe(200);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it('counts only failures within the window: 4 failures, 16 minutes, 4 more do not lock', async () => {
    const user = await createTestUser(app, 'analyst');
    for (let i = 0; i < 4; i++) await login(user.username, `wrong password ${i}`);
    clock.advance(16 * MINUTE);
    for (let i = 0; i < 4; i++) await login(user.username, `wrong password ${i}`);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it('resets the count after a successful login', async () => {
    const user = await createTestUser(app, 'analyst');
    for (let i = 0; i < 4; i++) await login(user.username, `wrong password ${i}`);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login(user.username, `wrong password ${i}`);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });
});

describe('session lifetime', () => {
  it('ends a session unused for 30 minutes', async () => {
    const user = await createTestUser(app, 'analyst');
    const { cookie } = await logIn(app, user, clock);
    clock.advance(29 * MINUTE);
    expect((await me(cookie)).statusCode).toBe(200);
    clock.advance(29 * MINUTE); // 58 min after login, 29 after last use
    expect((await me(cookie)).statusCode).toBe(200);
    clock.advance(30 * MINUTE);
    const expired = await me(cookie);
    expect(expired.statusCode).toBe(401);
    clock.advance(MINUTE); // and it stays over
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends a session 12 hours after login however active it is', async () => {
    const user = await createTestUser(app, 'analyst');
    const { cookie } = await logIn(app, user, clock);
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock.advance(20 * MINUTE);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    clock.advance(20 * MINUTE);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends a session at logout, which needs the CSRF token', async () => {
    const user = await createTestUser(app, 'analyst');
    const session = await logIn(app, user, clock);
    const forged = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ error: 'csrf_failed', field: 'x-csrf-token' });
    expect((await me(session.cookie)).statusCode).toBe(200);
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(logout.statusCode).toBe(204);
    expect((await me(session.cookie)).statusCode).toBe(401);
    expect((await auditOf(user.id, 'auth.logout'))).toEqual([{ reason: null, outcome: 'success' }]);
  });

  it('ends every session of a user at once when an admin disables the account', async () => {
    const user = await createTestUser(app, 'community_officer');
    const first = await logIn(app, user, clock);
    const second = await logIn(app, user, clock);
    const admin = await adminSession();
    const disable = await app.inject({ method: 'POST', url: `/api/admin/users/${user.id}/disable`, headers: admin.headers, payload: { reason: 'left the station' } });
    expect(disable.statusCode).toBe(200);
    expect((await me(first.cookie)).statusCode).toBe(401);
    expect((await me(second.cookie)).statusCode).toBe(401);
    expect((await login(user.username, user.password)).statusCode).toBe(401);
  });
});

describe('second factor', () => {
  it('accepts a TOTP code once: the same code again is refused, the next step\'s code works', async () => {
    const commander = await createTestUser(app, 'commander');
    expect((await login(commander.username, commander.password)).json()).toMatchObject({ error: 'totp_required', field: 'totp' });
    const code = totpAt(commander.totpSecret!, clock.ms);
    expect((await login(commander.username, commander.password, code)).statusCode).toBe(200);
    clock.advance(1000);
    const replay = await login(commander.username, commander.password, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ error: 'invalid_totp' });
    clock.advance(30_000);
    expect((await login(commander.username, commander.password, totpAt(commander.totpSecret!, clock.ms))).statusCode).toBe(200);
    expect((await auditOf(commander.id, 'auth.login')).map((r) => r.reason)).toEqual(['totp_missing', null, 'bad_totp', null]);
  });

  it('gives a commander without a second factor an enrolment-only session until one is confirmed', async () => {
    const commander: TestUser = await createTestUser(app, 'commander', { totp: false, stationId: 1 });
    const session = await logIn(app, commander, clock);
    expect((await me(session.cookie)).json()).toMatchObject({ session: { stage: 'totp_enrolment' }, user: { totpRequired: true, totpEnabled: false } });
    const blocked = await app.inject({ url: '/api/audit/verify', headers: { cookie: session.cookie } });
    expect(blocked.json()).toMatchObject({ error: 'totp_enrolment_required' });

    const enrol = await app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: session.headers });
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri } = enrol.json() as { secret: string; otpauthUri: string };
    expect(otpauthUri).toContain(`secret=${secret}`);
    const { base32Decode } = await import('./totp.js');
    const key = base32Decode(secret);
    const bad = await app.inject({ method: 'POST', url: '/api/auth/totp/confirm', headers: session.headers, payload: { code: totpAt(key, clock.ms + 5 * 60_000) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'code' });
    const code = totpAt(key, clock.ms);
    const confirm = await app.inject({ method: 'POST', url: '/api/auth/totp/confirm', headers: session.headers, payload: { code } });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({ session: { stage: 'full' }, user: { totpEnabled: true } });
    // The confirming code is spent; the next login needs a fresh one.
    expect((await login(commander.username, commander.password, code)).statusCode).toBe(401);
    clock.advance(30_000);
    expect((await login(commander.username, commander.password, totpAt(key, clock.ms))).statusCode).toBe(200);
  });
});

describe('admin', () => {
  it('creates a user, refusing a common password and naming the field', async () => {
    const admin = await adminSession();
    const username = `new-${Date.now().toString(36)}`;
    const common = await app.inject({ method: 'POST', url: '/api/admin/users', headers: admin.headers,
      payload: { username, displayName: '王警官', password: 'qwertyuiop', role: 'community_officer' } });
    expect(common.statusCode).toBe(400);
    expect(common.json()).toMatchObject({ field: 'password', message: 'password: is one of the most common passwords; choose another' });
    const short = await app.inject({ method: 'POST', url: '/api/admin/users', headers: admin.headers,
      payload: { username, displayName: '王警官', password: 'Xq7#kd2', role: 'community_officer' } });
    expect(short.json()).toMatchObject({ field: 'password', message: 'password: must be at least 8 characters' });
    const badBeat = await app.inject({ method: 'POST', url: '/api/admin/users', headers: admin.headers,
      payload: { username, displayName: '王警官', password: 'lantern river crane 7', role: 'community_officer', beatIds: [999999] } });
    expect(badBeat.json()).toMatchObject({ field: 'beatIds', message: 'beatIds: no beat with id 999999' });
    const created = await app.inject({ method: 'POST', url: '/api/admin/users', headers: admin.headers,
      payload: { username, displayName: '王警官', password: 'lantern river crane 7', role: 'community_officer', stationId: 1 } });
    expect(created.statusCode).toBe(201);
    expect((await login(username, 'lantern river crane 7')).statusCode).toBe(200);
  });

  it('refuses other roles with 403, and audits the refusal', async () => {
    const officer = await createTestUser(app, 'community_officer');
    const session = await logIn(app, officer, clock);
    const response = await app.inject({ method: 'POST', url: `/api/admin/users/${officer.id}/unlock`, headers: session.headers, payload: { reason: 'self' } });
    expect(response.statusCode).toBe(403);
    expect(await auditOf(officer.id, 'admin.denied')).toEqual([{ reason: expect.stringContaining('admin'), outcome: 'denied' }]);
    expect((await app.inject({ method: 'POST', url: `/api/admin/users/${officer.id}/unlock`, payload: { reason: 'x' } })).statusCode).toBe(401);
  });
});

describe('login rate limits', () => {
  it('refuses more attempts per username than the limit with 429 and Retry-After', async () => {
    const limited = await buildApp({ database: await openTestDatabase(1), auth: { clock: clock.now, loginPerUsername: { limit: 3, windowMs: MINUTE } } });
    try {
      const user = await createTestUser(limited, 'analyst');
      const attempt = () => limited.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(200);
      const refused = await attempt();
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      clock.advance(MINUTE + 1);
      expect((await attempt()).statusCode).toBe(200);
    } finally {
      await limited.close();
      await limited.database.close();
    }
  });

  it('refuses more attempts per source address than the limit', async () => {
    const limited = await buildApp({ database: await openTestDatabase(1), auth: { clock: clock.now, loginPerAddress: { limit: 2, windowMs: MINUTE } } });
    try {
      const attempt = (n: number) => limited.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `someone-${n}`, password: 'whatever it is' } });
      expect((await attempt(1)).statusCode).toBe(401);
      expect((await attempt(2)).statusCode).toBe(401);
      expect((await attempt(3)).statusCode).toBe(429);
    } finally {
      await limited.close();
      await limited.database.close();
    }
  });
});
