import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestUser, logIn, TestClock, type LoggedIn } from '../../tests/helpers/accounts.js';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import { withFailingAudit } from '../../tests/helpers/failing-audit.js';
import { appendAudit, verifyAuditChain } from './audit-log.js';

const clock = new TestClock();
let app: FastifyInstance;
let auditor: LoggedIn;

beforeAll(async () => {
  app = await buildApp({ database: await openTestDatabase(), auth: { clock: clock.now } });
  auditor = await logIn(app, await createTestUser(app, 'auditor'), clock);
});
afterAll(async () => {
  await app?.close();
  await app?.database.close();
});

const db = () => app.database.db;
const verify = () => app.inject({ url: '/api/audit/verify', headers: { cookie: auditor.cookie } });

/** Run SQL as someone with the database owner's rights would, around the append-only trigger. */
async function asOwner(statement: ReturnType<typeof sql>): Promise<void> {
  await db().transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx);
    await statement.execute(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(trx);
  });
}

describe('audit hash chain', () => {
  it('verifies the chain as it stands', async () => {
    const response = await verify();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, firstBroken: null });
    expect(response.json().checked).toBe(response.json().headSeq);
  });

  it('finds a hand-edited row at its position, and verifies again once it is put back', async () => {
    const target = (await sql<{ seq: number; detail: string | null }>`
      SELECT seq, detail FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET 1`.execute(db())).rows[0]!;
    await asOwner(sql`UPDATE audit_log SET detail = 'nothing happened here' WHERE seq = ${target.seq}`);
    try {
      const report = (await verify()).json();
      expect(report).toMatchObject({ ok: false, firstBroken: { seq: target.seq, reason: 'hash_mismatch' } });
      expect(report.checked).toBe(target.seq - 1);
    } finally {
      await asOwner(sql`UPDATE audit_log SET detail = ${target.detail} WHERE seq = ${target.seq}`);
    }
    expect((await verify()).json()).toMatchObject({ ok: true });
  });

  it('finds a removed row at its position', async () => {
    const row = (await sql<Record<string, unknown>>`SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET 2`.execute(db())).rows[0]!;
    await asOwner(sql`DELETE FROM audit_log WHERE seq = ${row.seq}`);
    try {
      expect((await verify()).json()).toMatchObject({ ok: false, firstBroken: { seq: row.seq, reason: 'sequence_gap' } });
    } finally {
      await asOwner(sql`
        INSERT INTO audit_log (id, seq, at, user_id, username, role, source_address, request_id, action, object_type, object_ids,
          purpose, reason, outcome, detail, prev_hash, hash)
        SELECT * FROM json_populate_record(NULL::audit_log, ${JSON.stringify(row)}::json)`);
    }
    expect((await verify()).json()).toMatchObject({ ok: true });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log', async () => {
    for (const statement of [sql`UPDATE audit_log SET detail = 'x' WHERE seq = 1`, sql`DELETE FROM audit_log WHERE seq = 1`, sql`TRUNCATE audit_log`]) {
      await expect(statement.execute(db())).rejects.toThrow('audit_log is append-only');
    }
  });

  it.skipIf(inject('databaseMode') !== 'external')('leaves a role with INSERT and SELECT unable to UPDATE or DELETE (external PostgreSQL)', async () => {
    await db().transaction().execute(async (trx) => {
      await sql`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'beat_atlas_audit_probe') THEN CREATE ROLE beat_atlas_audit_probe NOLOGIN; END IF; END $$`.execute(trx);
      await sql`GRANT SELECT, INSERT ON audit_log TO beat_atlas_audit_probe`.execute(trx);
      await sql`SET LOCAL ROLE beat_atlas_audit_probe`.execute(trx);
      await sql`SAVEPOINT probe`.execute(trx);
      await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(trx)).rejects.toThrow(/permission denied|append-only/);
      await sql`ROLLBACK TO SAVEPOINT probe`.execute(trx);
      const privileges = await sql<{ update: boolean; delete: boolean; truncate: boolean }>`
        SELECT has_table_privilege('audit_log', 'UPDATE') AS update, has_table_privilege('audit_log', 'DELETE') AS delete,
               has_table_privilege('audit_log', 'TRUNCATE') AS truncate`.execute(trx);
      expect(privileges.rows[0]).toEqual({ update: false, delete: false, truncate: false });
    });
  });

  it('keeps one chain under concurrent appends', async () => {
    const before = (await sql<{ seq: number }>`SELECT seq FROM audit_chain_head`.execute(db())).rows[0]!.seq;
    const concurrent = await openTestDatabase(4);
    try {
      await Promise.all(Array.from({ length: 12 }, (_, i) => concurrent.db.transaction().execute((trx) =>
        appendAudit(trx, { user: null, sourceAddress: '127.0.0.1', requestId: `concurrent-${i}` }, { action: 'test.concurrent', outcome: 'success' }))));
    } finally {
      await concurrent.close();
    }
    expect((await sql<{ seq: number }>`SELECT seq FROM audit_chain_head`.execute(db())).rows[0]!.seq).toBe(before + 12);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });
});

describe('fail-closed audit', () => {
  it('fails the request and keeps none of its data when the audit write fails', async () => {
    const admin = await logIn(app, await createTestUser(app, 'admin'), clock);
    const username = `failclosed-${Date.now().toString(36)}`;
    await withFailingAudit(db(), 'user.create', username, async () => {
      const response = await app.inject({ method: 'POST', url: '/api/admin/users', headers: admin.headers,
        payload: { username, displayName: 'Fail Closed', password: 'lantern river crane 7', role: 'analyst' } });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: 'internal', message: expect.stringMatching(/^internal error \(request id /), requestId: expect.any(String) });
      expect(response.body).not.toMatch(/audit store unavailable|INSERT|audit_log/);
    });
    const users = await sql`SELECT 1 FROM users WHERE username = ${username}`.execute(db());
    expect(users.rows).toHaveLength(0);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });
});

describe('GET /api/audit', () => {
  it('filters by user, action, object and time, newest first, and audits the read itself', async () => {
    const officer = await createTestUser(app, 'community_officer');
    clock.advance(1000);
    const from = clock.now().toISOString();
    await logIn(app, officer, clock);
    clock.advance(1000);
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: officer.username, password: 'wrong password here' } });
    const response = await app.inject({ url: `/api/audit?userId=${officer.id}&action=auth.login&from=${from}`, headers: { cookie: auditor.cookie } });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { outcome: string; reason: string | null; username: string; seq: number }[];
    expect(items.map((i) => [i.outcome, i.reason, i.username])).toEqual([['failure', 'bad_password', officer.username], ['success', null, officer.username]]);
    const byObject = await app.inject({ url: `/api/audit?objectType=user&objectId=${officer.id}`, headers: { cookie: auditor.cookie } });
    expect(byObject.json().items.length).toBeGreaterThanOrEqual(1);
    const later = await app.inject({ url: `/api/audit?userId=${officer.id}&from=${new Date(clock.ms + 60_000).toISOString()}`, headers: { cookie: auditor.cookie } });
    expect(later.json().items).toEqual([]);

    const read = await sql<{ object_ids: string[]; action: string }>`
      SELECT object_ids, action FROM audit_log WHERE action = 'audit.read' ORDER BY seq DESC LIMIT 3`.execute(db());
    expect(read.rows[2]!.object_ids).toEqual(items.map((i) => String(i.seq)));
  });

  it('names a bad filter', async () => {
    const response = await app.inject({ url: '/api/audit?from=yesterday', headers: { cookie: auditor.cookie } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'querystring.from' });
  });

  it('is for auditors only: others get 403 (audited), anonymous callers 401', async () => {
    const officer = await createTestUser(app, 'commander');
    const session = await logIn(app, officer, clock);
    expect((await app.inject({ url: '/api/audit', headers: { cookie: session.cookie } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/audit/verify', headers: { cookie: session.cookie } })).statusCode).toBe(403);
    const denied = await sql`SELECT 1 FROM audit_log WHERE user_id = ${officer.id} AND outcome = 'denied' AND action = 'audit.denied'`.execute(db());
    expect(denied.rows).toHaveLength(2);
    expect((await app.inject('/api/audit')).statusCode).toBe(401);
  });
});
