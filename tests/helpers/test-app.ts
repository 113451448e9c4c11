import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../server/app.js';
import type { AuthOptions } from '../../server/auth/auth-settings.js';
import { createTestUser, logIn, TestClock, type LoggedIn } from './accounts.js';
import { openTestDatabase } from './test-database.js';

/**
 * The app on the test database for the file's tests (built once, closed with its pool after them).
 *
 * Every API route needs a login, so by default `app.inject` acts as a signed-in community officer
 * of every beat of the test district (read, write and reveal anywhere; personal fields still come
 * masked, as for everyone). A request that sets its own `cookie` header (`cookie: ''` for none) is
 * sent as it is: that is how tests act anonymously or as another user.
 */
export function useTestApp(receive: (app: FastifyInstance) => void, options: { signedIn?: boolean; auth?: AuthOptions } = {}): void {
  let app: FastifyInstance | null = null;
  beforeAll(async () => {
    app = await buildApp({ database: await openTestDatabase(), auth: options.auth });
    if (options.signedIn !== false) {
      const officer = await districtOfficer(app);
      actAs(app, await logIn(app, officer, new TestClock()));
      usernames.set(app, officer.username);
    }
    receive(app);
  });
  afterAll(async () => {
    await app?.close();
    await app?.database.close();
  });
}

const usernames = new WeakMap<FastifyInstance, string>();

/** The username `app.inject` acts as (what the history records as the actor). */
export function signedInAs(app: FastifyInstance): string {
  const username = usernames.get(app);
  if (!username) throw new Error('this app is not signed in (useTestApp with signedIn: false)');
  return username;
}

/** A community officer whose own beats are all the beats of the district. */
export async function districtOfficer(app: FastifyInstance) {
  const { rows } = await app.database.pool.query<{ id: number; station_id: number }>('SELECT id, station_id FROM beats ORDER BY id');
  return createTestUser(app, 'community_officer', { beatIds: rows.map((row) => row.id), stationId: rows[0]?.station_id ?? null });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Make `app.inject` carry this session (cookie, and the CSRF header on changes) unless a request sets its own cookie. */
export function actAs(app: FastifyInstance, session: LoggedIn): void {
  const inject = app.inject.bind(app) as (options: InjectOptions) => ReturnType<FastifyInstance['inject']>;
  const withSession = (options: InjectOptions): InjectOptions => {
    const headers = { ...(options.headers ?? {}) } as Record<string, string>;
    if ('cookie' in headers) return options;
    headers.cookie = session.cookie;
    if (UNSAFE.has(String(options.method ?? 'GET').toUpperCase())) headers['x-csrf-token'] = session.csrf;
    return { ...options, headers };
  };
  (app as { inject: unknown }).inject = (options: InjectOptions | string) =>
    inject(withSession(typeof options === 'string' ? { url: options } : options));
}
