// Logging in for the browser tests: through the real login form in the page (as an officer would),
// or through the API with fetch (for the records a test sets up), plus the usual test officer — a
// community officer of the test district's station with every beat, so the tests see and edit all.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import type { Role } from '../../server/auth/account-tables.js';
import { totpAt } from '../../server/auth/totp.js';
import { createTestUser, type TestUser } from './accounts.js';

const LOGIN_TIMEOUT_MS = 30_000;

/** The beats of the test district and the station most of them belong to. */
export async function districtBeats(app: FastifyInstance): Promise<{ beatIds: number[]; stationId: number | null }> {
  const { rows } = await app.database.pool.query<{ id: number; station_id: number | null }>('SELECT id, station_id FROM beats ORDER BY id');
  const tally = new Map<number, number>();
  for (const row of rows) if (row.station_id !== null) tally.set(Number(row.station_id), (tally.get(Number(row.station_id)) ?? 0) + 1);
  const stationId = [...tally].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { beatIds: rows.map((r) => Number(r.id)), stationId };
}

/** A community officer with every beat of the district and its station: reads and writes everything there. */
export async function createDistrictOfficer(app: FastifyInstance, role: Role = 'community_officer'): Promise<TestUser> {
  const { beatIds, stationId } = await districtBeats(app);
  return createTestUser(app, role, { beatIds, stationId });
}

/**
 * Opens `url` (its hash is kept: the workspace starts there after the login), fills the login form
 * and submits; with a TOTP secret, waits for the code field the server asks for and sends the current
 * code. Resolves once the login screen has gone.
 */
export async function loginThroughForm(page: Page, url: string, user: Pick<TestUser, 'username' | 'password' | 'totpSecret'>): Promise<void> {
  await page.goto(url);
  await fillLoginForm(page, user);
}

/** Fills and submits the login form already on the page. */
export async function fillLoginForm(page: Page, user: Pick<TestUser, 'username' | 'password' | 'totpSecret'>): Promise<void> {
  await page.waitForSelector('#login-screen form', { timeout: LOGIN_TIMEOUT_MS });
  await page.fill('#login-username', user.username);
  await page.fill('#login-password', user.password);
  await page.click('#login-screen .auth-form__submit');
  if (user.totpSecret) {
    await page.waitForSelector('#login-totp', { state: 'visible', timeout: LOGIN_TIMEOUT_MS });
    await page.fill('#login-totp', totpAt(user.totpSecret, Date.now()));
    await page.click('#login-screen .auth-form__submit');
  }
  try {
    await page.waitForSelector('#login-screen', { state: 'detached', timeout: LOGIN_TIMEOUT_MS });
  } catch (error) {
    // Say what the form says (wrong code, locked, rate limited) rather than only "timeout".
    const shown = await page.$$eval('#login-screen .auth-form__message:not([hidden]), #login-screen .auth-field__error:not([hidden])',
      (els) => els.map((el) => `${el.id || el.className}: ${el.textContent ?? ''}`)).catch(() => []);
    throw new Error(`login of ${user.username} did not finish: ${(error as Error).message}\nthe form shows: ${shown.join(' | ')}`);
  }
}

export interface ApiSession {
  cookie: string;
  csrf: string;
  /** A JSON request with the session cookie (and the CSRF token on unsafe methods); throws on an error status. */
  request<T = Record<string, unknown> & { id: number; version: number }>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** The raw response, for tests that look at the status. */
  raw(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Logs a user in through the API with fetch (no browser), for setting up records. */
export async function apiLogin(baseUrl: string, user: Pick<TestUser, 'username' | 'password' | 'totpSecret'>): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password, ...(user.totpSecret ? { totp: totpAt(user.totpSecret, Date.now()) } : {}) }),
  });
  const body = (await response.json()) as { csrfToken?: string };
  if (response.status !== 200 || !body.csrfToken) throw new Error(`login of ${user.username}: ${response.status} ${JSON.stringify(body)}`);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('beat_atlas_session='));
  if (!setCookie) throw new Error('no session cookie in the login answer');
  const cookie = setCookie.split(';')[0]!;
  const csrf = body.csrfToken;
  const raw = (method: string, path: string, payload?: unknown, headers: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' || method === 'HEAD' ? {} : { 'x-csrf-token': csrf }), ...headers,
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  return {
    cookie, csrf, raw,
    request: async <T>(method: string, path: string, payload?: unknown, headers: Record<string, string> = {}) => {
      const res = await raw(method, path, payload, headers);
      const json = res.status === 204 ? null : ((await res.json()) as unknown);
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json as T;
    },
  };
}
