import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AccountTables, Role, SessionStage, UserTable } from './account-tables.js';

/** All SQL for accounts, failures and sessions. Takes a Kysely instance or a transaction; never throws HTTP errors. */
type AccountDb = Kysely<Database & AccountTables>;
export const accounts = (db: Kysely<Database>): AccountDb => db.withTables<AccountTables>();

export type UserRow = Selectable<UserTable>;

export function findUserByName(db: Kysely<Database>, username: string, lock = false): Promise<UserRow | undefined> {
  const query = accounts(db).selectFrom('users').selectAll().where('username', '=', username);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: number, lock = false): Promise<UserRow | undefined> {
  const query = accounts(db).selectFrom('users').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  stationId: number | null;
  beatIds: number[];
  handoverBeatIds: number[];
  demo?: boolean;
  totpSecret?: Buffer | null;
}

export async function insertUser(db: Kysely<Database>, user: NewUser, now: Date): Promise<UserRow> {
  return accounts(db).insertInto('users').values({
    username: user.username, display_name: user.displayName, password_hash: user.passwordHash, role: user.role,
    station_id: user.stationId, beat_ids: user.beatIds, handover_beat_ids: user.handoverBeatIds, demo: user.demo ?? false,
    totp_secret: user.totpSecret ?? null, disabled_at: null, locked_at: null, failures_cleared_at: null,
    totp_pending_secret: null, totp_last_step: null, created_at: now.toISOString(), updated_at: now.toISOString(),
  }).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: Kysely<Database>, id: number, changes: Omit<Updateable<UserTable>, 'id' | 'updated_at'>, now: Date): Promise<void> {
  await accounts(db).updateTable('users').set({ ...changes, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Record a failed login and return the failures that count now: within the window and after the last clearing. */
export async function recordFailure(db: Kysely<Database>, user: UserRow, now: Date, windowMs: number, sourceAddress: string | null): Promise<number> {
  const a = accounts(db);
  await a.insertInto('login_failures').values({ user_id: user.id, at: now.toISOString(), source_address: sourceAddress }).execute();
  const windowStart = new Date(now.getTime() - windowMs);
  const cleared = user.failures_cleared_at ? new Date(user.failures_cleared_at) : null;
  const since = cleared && cleared > windowStart ? cleared : windowStart;
  const row = await a.selectFrom('login_failures').select(sql<number>`count(*)::integer`.as('n'))
    .where('user_id', '=', user.id).where('at', '>', since.toISOString()).executeTakeFirstOrThrow();
  return row.n;
}

export interface SessionWithUser {
  sessionId: number;
  stage: SessionStage;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  user: UserRow;
}

export async function insertSession(db: Kysely<Database>, session: {
  tokenHash: Buffer; userId: number; stage: SessionStage; now: Date; expiresAt: Date; sourceAddress: string | null; userAgent: string | null;
}): Promise<number> {
  const row = await accounts(db).insertInto('sessions').values({
    token_hash: session.tokenHash, user_id: session.userId, stage: session.stage, created_at: session.now.toISOString(),
    last_seen_at: session.now.toISOString(), expires_at: session.expiresAt.toISOString(), revoked_at: null, revoked_reason: null,
    source_address: session.sourceAddress, user_agent: session.userAgent,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findSession(db: Kysely<Database>, tokenHash: Buffer): Promise<SessionWithUser | undefined> {
  const a = accounts(db);
  const session = await a.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!session) return undefined;
  const user = await a.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  if (!user) return undefined;
  return {
    sessionId: session.id, stage: session.stage, createdAt: session.created_at, lastSeenAt: session.last_seen_at,
    expiresAt: session.expires_at, revokedAt: session.revoked_at, user,
  };
}

export async function touchSession(db: Kysely<Database>, sessionId: number, now: Date): Promise<void> {
  await accounts(db).updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', sessionId).execute();
}

export async function setSessionStage(db: Kysely<Database>, sessionId: number, stage: SessionStage): Promise<void> {
  await accounts(db).updateTable('sessions').set({ stage }).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: Kysely<Database>, sessionId: number, now: Date, reason: string): Promise<void> {
  await accounts(db).updateTable('sessions').set({ revoked_at: now.toISOString(), revoked_reason: reason })
    .where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Revoke every live session of a user; returns how many. */
export async function revokeUserSessions(db: Kysely<Database>, userId: number, now: Date, reason: string): Promise<number> {
  const result = await accounts(db).updateTable('sessions').set({ revoked_at: now.toISOString(), revoked_reason: reason })
    .where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
