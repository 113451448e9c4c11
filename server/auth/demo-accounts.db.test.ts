import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { StartupError } from '../cli/run-cli.js';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, ensureDemoAccounts } from '../../seed/demo-accounts.js';
import { TestClock } from '../../tests/helpers/accounts.js';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import { refuseDemoAccounts } from './demo-accounts-guard.js';
import { passwordProblem } from './password-policy.js';
import { base32Decode, totpAt } from './totp.js';

const clock = new TestClock(Date.now());
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildApp({ database: await openTestDatabase(), auth: { clock: clock.now } });
});
afterAll(async () => {
  await sql`DELETE FROM users WHERE demo`.execute(app.database.db).catch(() => undefined);
  await app?.close();
  await app?.database.close();
});

describe('demo accounts', () => {
  it('creates one account per role, each able to log in with the README password, idempotently', async () => {
    await sql`DELETE FROM users WHERE demo`.execute(app.database.db);
    const realUsers = (await sql<{ n: number }>`SELECT count(*)::integer AS n FROM users WHERE NOT demo`.execute(app.database.db)).rows[0]!.n;
    // This database has real (test) accounts: demo accounts are not added to it …
    if (realUsers > 0) expect(await ensureDemoAccounts(app.database.db)).toEqual([]);
    // … but are topped up where demo accounts already are (here: after marking one by hand).
    await sql`INSERT INTO users (username, display_name, password_hash, role, demo, created_at, updated_at)
      VALUES ('demo.placeholder', 'x', 'x', 'analyst', true, now(), now())`.execute(app.database.db);
    const created = await ensureDemoAccounts(app.database.db);
    expect(created).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(await ensureDemoAccounts(app.database.db)).toEqual([]);
    // The handover officer's beat comes with an open handover (so the demo can complete or cancel it).
    const { rows: handovers } = await sql<{ beat_ids: number[]; handover_beat_ids: number[] }>`
      SELECT h.beat_ids, u.handover_beat_ids FROM handovers h JOIN users u ON u.id = h.to_user_id
       WHERE u.username = 'demo.handover' AND h.status = 'open'`.execute(app.database.db);
    expect(handovers).toHaveLength(1);
    expect(handovers[0]!.beat_ids).toEqual(handovers[0]!.handover_beat_ids);

    const key = base32Decode(DEMO_TOTP_SECRET);
    for (const account of DEMO_ACCOUNTS) {
      expect(passwordProblem(account.password, account.username)).toBeNull();
      clock.advance(30_000); // demo commander and admin share a secret: one code per step
      const response = await app.inject({ method: 'POST', url: '/api/auth/login',
        payload: { username: account.username, password: account.password, ...(['commander', 'admin'].includes(account.role) ? { totp: totpAt(key, clock.ms) } : {}) } });
      expect(response.statusCode, account.username).toBe(200);
      expect(response.json().user.role).toBe(account.role);
    }
  });

  it('outside demo mode refuses to start while a demo account exists, in one line', async () => {
    const error = await refuseDemoAccounts(app.database.db).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(/^demo accounts with published passwords exist \(demo\.[a-z]+.*\) but SEED_ON_START is false/);
    expect((error as Error).message).not.toContain('\n');
    await sql`DELETE FROM users WHERE demo`.execute(app.database.db);
    await expect(refuseDemoAccounts(app.database.db)).resolves.toBeUndefined();
  });
});
