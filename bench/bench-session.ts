/**
 * A logged-in session for benchmarks. Every /api route needs one (the `beat_atlas_session` cookie,
 * plus `x-csrf-token` on POST/PUT/PATCH/DELETE), and records outside the user's beats are invisible,
 * so a bench runs as a fresh community officer whose beats are ALL the district's beats: it sees
 * every record, as the benches did before logins. The account is made straight in the database the
 * bench already opened (bench-database.ts), with a random name and password nobody ever learns, and
 * disabled again by `retireBenchUser` when the bench is done.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { insertUser, revokeUserSessions, updateUser } from '../server/auth/account-repository.js';
import { SESSION_COOKIE, CSRF_HEADER } from '../server/auth/auth-settings.js';
import { hashPassword } from '../server/auth/password.js';
import type { Database } from '../server/db/schema.js';

export interface BenchUser {
  id: number;
  username: string;
  password: string;
}

export interface BenchSession {
  /** `beat_atlas_session=…`, the value of a Cookie header. */
  cookie: string;
  /** The session's CSRF token (the login answer's `csrfToken`). */
  csrf: string;
  /** Headers for any authenticated request: the cookie and the CSRF token (harmless on reads). */
  headers: Record<string, string>;
}

/** A community officer with every beat (station: the first beat's), unique name `bench-<random8>`, random password. */
export async function createBenchUser(db: Kysely<Database>): Promise<BenchUser> {
  const { rows: beats } = await sql<{ id: number; station_id: number | null }>`SELECT id, station_id FROM beats ORDER BY id`.execute(db);
  if (beats.length === 0) throw new Error('bench user: the database has no beats (seed it first)');
  const username = `bench-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(24).toString('base64url');
  const user = await insertUser(db, {
    username, displayName: 'Benchmark', passwordHash: await hashPassword(password), role: 'community_officer',
    stationId: beats[0]!.station_id, beatIds: beats.map((beat) => beat.id), handoverBeatIds: [], totpSecret: null,
  }, new Date());
  return { id: user.id, username, password };
}

/** Disable the bench account and end its sessions, so no all-beats account outlives the run. */
export async function retireBenchUser(db: Kysely<Database>, user: BenchUser): Promise<void> {
  const now = new Date();
  await updateUser(db, user.id, { disabled_at: now.toISOString() }, now);
  await revokeUserSessions(db, user.id, now, 'bench finished');
}

/** Log in over HTTP against a running server (`base` = `http://host:port`). */
export async function logInOverHttp(base: string, credentials: { username: string; password: string }): Promise<BenchSession> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: credentials.username, password: credentials.password }),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`bench login of ${credentials.username} answered HTTP ${response.status}: ${body}`);
  return session(response.headers.getSetCookie(), JSON.parse(body) as { csrfToken?: unknown });
}

/** Log in through `app.inject`, for benches that build the app in-process. */
export async function logInWithInject(app: FastifyInstance, credentials: { username: string; password: string }): Promise<BenchSession> {
  const response = await app.inject({
    method: 'POST', url: '/api/auth/login', payload: { username: credentials.username, password: credentials.password },
  });
  if (response.statusCode !== 200) throw new Error(`bench login of ${credentials.username} answered HTTP ${response.statusCode}: ${response.body}`);
  const setCookie = response.headers['set-cookie'];
  return session(Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [], response.json() as { csrfToken?: unknown });
}

/** A fresh bench user (see createBenchUser) logged in over HTTP on the server at `base`. */
export async function benchSession(db: Kysely<Database>, base: string): Promise<BenchSession & { user: BenchUser }> {
  const user = await createBenchUser(db);
  return { ...await logInOverHttp(base, user), user };
}

/** A fresh bench user logged in through `app.inject` (the app's own database). */
export async function benchSessionInject(app: FastifyInstance): Promise<BenchSession & { user: BenchUser }> {
  const user = await createBenchUser(app.database.db);
  return { ...await logInWithInject(app, user), user };
}

function session(setCookie: string[], body: { csrfToken?: unknown }): BenchSession {
  const found = setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!found) throw new Error(`bench login: no ${SESSION_COOKIE} cookie in ${JSON.stringify(setCookie)}`);
  if (typeof body.csrfToken !== 'string') throw new Error('bench login: no csrfToken in the answer');
  const cookie = found.split(';')[0]!;
  return { cookie, csrf: body.csrfToken, headers: { cookie, [CSRF_HEADER]: body.csrfToken } };
}
