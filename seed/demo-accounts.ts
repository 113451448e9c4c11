/**
 * Demo accounts: one per role, with the passwords published in the README, for the demo district
 * (SEED_ON_START=true). Created only on a database with no accounts yet, or topped up where demo
 * accounts already are, so a database with real accounts never gains published passwords. Outside
 * demo mode the server refuses to start while any of them exists (server/auth/demo-accounts-guard.ts).
 */
import { sql, type Kysely } from 'kysely';
import { insertHandover } from '../server/handovers/handover-repository.js';
import { insertUser } from '../server/auth/account-repository.js';
import type { Role } from '../server/auth/account-tables.js';
import { hashPassword } from '../server/auth/password.js';
import { base32Decode } from '../server/auth/totp.js';
import type { Database } from '../server/db/schema.js';

/** The second factor of the demo commander and admin: add it to an authenticator app (README). */
export const DEMO_TOTP_SECRET = 'HAISHUBEATATLASDEMOTOTP234567ABC';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'demo.officer', displayName: '演示 社区民警', role: 'community_officer', password: 'demo-officer-haishu' },
  { username: 'demo.handover', displayName: '演示 接手民警', role: 'handover_officer', password: 'demo-handover-haishu' },
  { username: 'demo.commander', displayName: '演示 指挥员', role: 'commander', password: 'demo-commander-haishu' },
  { username: 'demo.analyst', displayName: '演示 研判员', role: 'analyst', password: 'demo-analyst-haishu' },
  { username: 'demo.auditor', displayName: '演示 审计员', role: 'auditor', password: 'demo-auditor-haishu' },
  { username: 'demo.admin', displayName: '演示 管理员', role: 'admin', password: 'demo-admin-haishu' },
];

/**
 * Create the demo accounts that are missing. The officer gets the first beat of the first station,
 * the handover officer the second beat of that station as a handover, the commander the station;
 * the analyst reads the whole district. Returns the usernames created (none when the database holds
 * real accounts).
 */
export async function ensureDemoAccounts(db: Kysely<Database>, log: (line: string) => void = () => undefined): Promise<string[]> {
  const { rows: [counts] } = await sql<{ demo: number; real: number }>`
    SELECT count(*) FILTER (WHERE demo)::integer AS demo, count(*) FILTER (WHERE NOT demo)::integer AS real FROM users`.execute(db);
  if (counts && counts.real > 0 && counts.demo === 0) {
    log('demo accounts: not created, this database already has accounts of its own');
    return [];
  }
  const station = await db.selectFrom('police_stations').select('id').orderBy('id').limit(1).executeTakeFirst();
  const beats = station
    ? await db.selectFrom('beats').select('id').where('station_id', '=', station.id).orderBy('id').limit(2).execute()
    : [];
  const stationId = station?.id ?? null;
  const [own, handedOver] = [beats[0]?.id, beats[1]?.id];
  const jurisdiction: Record<Role, { stationId: number | null; beatIds: number[]; handoverBeatIds: number[] }> = {
    community_officer: { stationId, beatIds: own ? [own] : [], handoverBeatIds: [] },
    handover_officer: { stationId, beatIds: [], handoverBeatIds: handedOver ? [handedOver] : [] },
    commander: { stationId, beatIds: [], handoverBeatIds: [] },
    analyst: { stationId: null, beatIds: [], handoverBeatIds: [] },
    auditor: { stationId: null, beatIds: [], handoverBeatIds: [] },
    admin: { stationId: null, beatIds: [], handoverBeatIds: [] },
  };
  const existing = new Set((await sql<{ username: string }>`SELECT username FROM users`.execute(db)).rows.map((r) => r.username));
  const created: string[] = [];
  const now = new Date();
  for (const account of DEMO_ACCOUNTS) {
    if (existing.has(account.username)) continue;
    const user = await insertUser(db, {
      username: account.username, displayName: account.displayName, passwordHash: await hashPassword(account.password),
      role: account.role, ...jurisdiction[account.role], demo: true,
      totpSecret: account.role === 'commander' || account.role === 'admin' ? base32Decode(DEMO_TOTP_SECRET) : null,
    }, now);
    // The handed-over beat comes with an open handover, as one an admin starts would: so the demo
    // can be completed or cancelled (server/handovers), and a reader sees why the account reaches it.
    if (account.role === 'handover_officer' && handedOver) {
      await insertHandover(db, {
        beatIds: [handedOver], fromUserId: null, toUserId: user.id, note: 'demo district: a beat being handed over',
        dueAt: null, openedBy: null, openedAt: now,
      });
    }
    created.push(account.username);
  }
  if (created.length) log(`demo accounts: created ${created.join(', ')} (passwords in README.md; never use them outside a demo)`);
  return created;
}
