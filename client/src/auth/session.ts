// The session as the client sees it: the SessionInfo the server answers (server/auth/auth-schemas.ts),
// the auth endpoints, and the fetch wrapper every API call goes through (CSRF header on unsafe
// methods, one callback on a 401). Pure: the fetch function is injected, no DOM.
import { ApiError, type FetchLike } from '../workspace/api.js';

export type Role = 'community_officer' | 'handover_officer' | 'commander' | 'analyst' | 'auditor' | 'admin';
export const ROLES: readonly Role[] = ['community_officer', 'handover_officer', 'commander', 'analyst', 'auditor', 'admin'];

/** What the role may do somewhere in its jurisdiction, per register id (the server filters by place). */
export interface Access {
  read: string[];
  write: string[];
  reveal: string[];
  export: string[];
  baseMap: boolean;
  audit: boolean;
  admin: boolean;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  stationId: number | null;
  beatIds: number[];
  handoverBeatIds: number[];
  totpEnabled: boolean;
  totpRequired: boolean;
}

export interface SessionInfo {
  user: SessionUser;
  stage: 'full' | 'totp_enrolment';
  expiresAt: string;
  idleExpiresAt: string;
  csrfToken: string;
  access: Access;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const ints = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : []);

/**
 * Reads access defensively. Anything missing means "not allowed": a server that omits `access` gets a
 * base map and nothing else rather than a workspace full of requests it will refuse.
 */
export function readAccess(value: unknown): Access {
  const a = (value ?? {}) as Record<string, unknown>;
  return {
    read: strings(a.read), write: strings(a.write), reveal: strings(a.reveal), export: strings(a.export),
    baseMap: a.baseMap !== false, audit: a.audit === true, admin: a.admin === true,
  };
}

/** A SessionInfo body as the client's type; null when it isn't one. */
export function readSessionInfo(body: unknown): SessionInfo | null {
  const b = body as { user?: Record<string, unknown>; session?: Record<string, unknown>; csrfToken?: unknown; access?: unknown } | null;
  const u = b?.user;
  const s = b?.session;
  if (!u || !s || typeof b.csrfToken !== 'string' || typeof u.username !== 'string' || !Number.isInteger(u.id)) return null;
  if (s.stage !== 'full' && s.stage !== 'totp_enrolment') return null;
  const role = (ROLES as readonly unknown[]).includes(u.role) ? (u.role as Role) : null;
  if (!role) return null;
  return {
    user: {
      id: u.id as number, username: u.username, displayName: typeof u.displayName === 'string' && u.displayName !== '' ? u.displayName : u.username,
      role, stationId: Number.isInteger(u.stationId) ? (u.stationId as number) : null, beatIds: ints(u.beatIds),
      handoverBeatIds: ints(u.handoverBeatIds), totpEnabled: u.totpEnabled === true, totpRequired: u.totpRequired === true,
    },
    stage: s.stage,
    expiresAt: String(s.expiresAt ?? ''),
    idleExpiresAt: String(s.idleExpiresAt ?? ''),
    csrfToken: b.csrfToken,
    access: readAccess(b.access),
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

export function isUnsafeMethod(method: string | undefined): boolean {
  return UNSAFE.has((method ?? 'GET').toUpperCase());
}

export interface SessionHooks {
  /** The current session's CSRF token (null while logged out). */
  csrfToken: () => string | null;
  /** An API call answered 401: the session is over (expired, revoked, logged out elsewhere). */
  onUnauthenticated: () => void;
}

/**
 * Wraps fetch for the API: unsafe methods carry the CSRF token, and a 401 reports the session as
 * over. The response still reaches the caller (which shows its own error), so no call hangs.
 */
export function withSession(fetchFn: FetchLike, hooks: SessionHooks): FetchLike {
  return async (input, init) => {
    let next = init;
    const token = hooks.csrfToken();
    if (token && isUnsafeMethod(init?.method)) next = { ...init, headers: { ...(init?.headers ?? {}), [CSRF_HEADER]: token } };
    const response = await fetchFn(input, next);
    if (response.status === 401) hooks.onUnauthenticated();
    return response;
  };
}

async function readBody(response: Awaited<ReturnType<FetchLike>>): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function errorOf(status: number, body: unknown): ApiError {
  const { message, field, error } = (body ?? {}) as { message?: unknown; field?: unknown; error?: unknown };
  return new ApiError(status, typeof message === 'string' ? message : `HTTP ${status}`, typeof field === 'string' ? field : null, null,
    typeof error === 'string' ? error : null);
}

/**
 * The auth endpoints. These use the plain fetch (not withSession): a 401 here is an answer
 * ("not logged in", "wrong password"), not a session that just ended.
 */
export function createAuthApi(fetchFn: FetchLike, csrfToken: () => string | null = () => null) {
  const json = { accept: 'application/json', 'content-type': 'application/json' };
  // A body-less POST must not claim a JSON body (Fastify refuses an empty one with that content type).
  const unsafe = (withBody = false): Record<string, string> => {
    const token = csrfToken();
    const base: Record<string, string> = withBody ? json : { accept: 'application/json' };
    return token ? { ...base, [CSRF_HEADER]: token } : base;
  };
  const session = async (response: Awaited<ReturnType<FetchLike>>): Promise<SessionInfo> => {
    const body = await readBody(response);
    if (!response.ok) throw errorOf(response.status, body);
    const info = readSessionInfo(body);
    if (!info) throw new ApiError(response.status, 'unexpected session answer');
    return info;
  };
  return {
    /** The current session, or null when there is none (401). */
    me: async (): Promise<SessionInfo | null> => {
      const response = await fetchFn('/api/auth/me', { headers: { accept: 'application/json' } });
      if (response.status === 401) return null;
      return session(response);
    },
    login: async (username: string, password: string, totp?: string): Promise<SessionInfo> =>
      session(await fetchFn('/api/auth/login', {
        method: 'POST', headers: json, body: JSON.stringify(totp ? { username, password, totp } : { username, password }),
      })),
    logout: async (): Promise<void> => {
      await fetchFn('/api/auth/logout', { method: 'POST', headers: unsafe() });
    },
    enrolTotp: async (): Promise<TotpEnrolment> => {
      const response = await fetchFn('/api/auth/totp/enrol', { method: 'POST', headers: unsafe() });
      const body = await readBody(response);
      if (!response.ok) throw errorOf(response.status, body);
      const { secret, otpauthUri } = (body ?? {}) as { secret?: unknown; otpauthUri?: unknown };
      return { secret: String(secret ?? ''), otpauthUri: String(otpauthUri ?? '') };
    },
    confirmTotp: async (code: string): Promise<SessionInfo> =>
      session(await fetchFn('/api/auth/totp/confirm', { method: 'POST', headers: unsafe(true), body: JSON.stringify({ code }) })),
  };
}

export type AuthApi = ReturnType<typeof createAuthApi>;
