import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { insertUser } from '../../server/auth/account-repository.js';
import type { Role } from '../../server/auth/account-tables.js';
import { hashPassword } from '../../server/auth/password.js';
import { newTotpSecret, totpAt } from '../../server/auth/totp.js';

/** A clock tests move by hand: pass `clock.now` as the app's `auth.clock`. */
export class TestClock {
  constructor(public ms = Date.parse('2026-07-01T08:00:00.000Z')) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
  role: Role;
  totpSecret: Buffer | null;
}

/**
 * A user made straight in the database (not through the admin API), with a unique name so test files
 * never collide. Commanders and admins get a TOTP secret unless `totp: false`.
 */
export async function createTestUser(app: FastifyInstance, role: Role, options: {
  password?: string; totp?: boolean; stationId?: number | null; beatIds?: number[]; handoverBeatIds?: number[]; now?: Date;
} = {}): Promise<TestUser> {
  const username = `t-${role.replace('_officer', '')}-${randomUUID().slice(0, 8)}`;
  const password = options.password ?? `test pass ${randomUUID()}`;
  const totpSecret = options.totp ?? (role === 'commander' || role === 'admin') ? newTotpSecret() : null;
  const user = await insertUser(app.database.db, {
    username, displayName: `Test ${role}`, passwordHash: await hashPassword(password), role,
    stationId: options.stationId ?? null, beatIds: options.beatIds ?? [], handoverBeatIds: options.handoverBeatIds ?? [], totpSecret,
  }, options.now ?? new Date());
  return { id: user.id, username, password, role, totpSecret };
}

export interface LoggedIn {
  cookie: string;
  csrf: string;
  /** Headers for an authenticated unsafe request. */
  headers: Record<string, string>;
}

/** Log in through the API (with the current TOTP code when the user has a secret); fails the test on anything but 200. */
export async function logIn(app: FastifyInstance, user: TestUser, clock: TestClock): Promise<LoggedIn> {
  const response = await app.inject({
    method: 'POST', url: '/api/auth/login',
    payload: { username: user.username, password: user.password, ...(user.totpSecret ? { totp: totpAt(user.totpSecret, clock.ms) } : {}) },
  });
  if (response.statusCode !== 200) throw new Error(`login of ${user.username} answered ${response.statusCode}: ${response.body}`);
  const cookie = sessionCookie(response.headers['set-cookie']);
  const csrf = response.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** `name=value` of the session cookie in a Set-Cookie header. */
export function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith('beat_atlas_session='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return found.split(';')[0]!;
}
