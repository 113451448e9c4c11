import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditActor } from '../audit/audit-log.js';
import { appendAuditNow } from '../audit/audit-log.js';
import { HttpError } from '../http/errors.js';
import { resolveSession, type ActiveSession } from './auth-service.js';
import { authSettings, CSRF_HEADER, SESSION_COOKIE, type AuthOptions, type AuthSettings } from './auth-settings.js';
import { decide, type Action, type Resource, type Subject } from './policy.js';
import { RateLimiter } from './rate-limiter.js';
import { SessionCache } from './session-cache.js';
import { csrfTokenFor, sameToken } from './session-token.js';

declare module 'fastify' {
  interface FastifyInstance {
    authSettings: AuthSettings;
    loginLimits: { perUsername: RateLimiter; perAddress: RateLimiter };
    /** Per-user limits of the routes that could be used to harvest personal data. */
    userLimits: { reveal: RateLimiter; search: RateLimiter };
    /** Sessions resolved in the last second (see session-cache.ts); revocations must call forget*. */
    sessionCache: SessionCache;
  }
  interface FastifyRequest {
    /** The caller's live session, or null (no cookie, or one that is unknown, revoked or expired). */
    session: ActiveSession | null;
    /** The cookie's raw token while it names a live session (for the CSRF token and logout). */
    sessionToken: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sessions for every request: parses the cookie, refuses cross-site writes (CSRF) and puts the live
 * session on `request.session`. Registered on the root instance (not as an encapsulated plugin) so
 * its hooks run for every route. It does not refuse anonymous requests: routes that need a login call
 * `requireSession`; phase 2 of issue 5 makes that every route.
 */
export async function registerAuth(app: FastifyInstance, options: AuthOptions = {}): Promise<void> {
  const settings = authSettings(options);
  const now = () => settings.clock().getTime();
  app.decorate('authSettings', settings);
  app.decorate('loginLimits', {
    perUsername: new RateLimiter(settings.loginPerUsername, now),
    perAddress: new RateLimiter(settings.loginPerAddress, now),
  });
  app.decorate('userLimits', {
    reveal: new RateLimiter(settings.revealPerUser, now),
    search: new RateLimiter(settings.searchPerUser, now),
  });
  app.decorate('sessionCache', new SessionCache(settings.sessionCacheMs, now));
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
  await app.register(fastifyCookie);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    // CSRF: a cookie-authenticated unsafe request must also carry the session's CSRF token in a header.
    // SameSite=Strict already keeps the cookie off cross-site requests in current browsers; the header
    // covers what it does not (older browsers, a compromised sibling subdomain): another origin cannot
    // read the token (httpOnly cookie, no CORS) nor add a custom header without a CORS preflight we
    // never grant. Login is exempt (it has no session yet; it only takes a JSON body, which a form cannot send).
    if (UNSAFE.has(request.method) && request.routeOptions.url !== '/api/auth/login') {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, csrfTokenFor(token))) {
        throw new HttpError(403, 'csrf_failed', `${CSRF_HEADER}: is missing or wrong; send the csrfToken from GET /api/auth/me with every change`, CSRF_HEADER);
      }
    }
    // The health check answers without a session, also (above all) while the database is down.
    const access = request.routeOptions.config?.access;
    if (access?.kind === 'public' && request.method === 'GET') return;
    // A hit answers at once (no await: this runs before every API request); a miss shares one lookup.
    const resolved = app.sessionCache.get(token) ?? await app.sessionCache.resolve(token, () => resolveSession(app.database.db, settings, token));
    if (typeof resolved === 'string') return;
    request.session = resolved;
    request.sessionToken = token;
  });
}

export function setSessionCookie(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'strict', path: '/', secure: secureCookie(app.authSettings, request),
    maxAge: Math.floor(app.authSettings.absoluteTimeoutMs / 1000),
  });
}

export function clearSessionCookie(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: secureCookie(app.authSettings, request) });
}

const secureCookie = (settings: AuthSettings, request: FastifyRequest) =>
  settings.secureCookie === 'auto' ? request.protocol === 'https' : settings.secureCookie;

/** Count a hit of a per-user limit; 429 with Retry-After when it is used up. */
export function enforceUserLimit(limiter: RateLimiter, request: FastifyRequest, what: string): void {
  const wait = limiter.hit(String(request.session?.user.id ?? request.ip));
  if (wait === 0) return;
  const error = new HttpError(429, 'rate_limited', `too many ${what}; try again in ${Math.ceil(wait / 1000)} s`);
  error.headers['retry-after'] = String(Math.ceil(wait / 1000));
  throw error;
}

/** Who acts in this request, for the audit log. */
export function auditActor(request: FastifyRequest): AuditActor {
  const user = request.session?.user;
  return {
    user: user ? { id: user.id, username: user.username, role: user.role } : null,
    sourceAddress: request.ip ?? null, requestId: request.id,
  };
}

/**
 * The caller's session, or 401. An enrolment-only session (commander or admin without a second
 * factor yet) passes only where `allowEnrolment` says so.
 */
export function requireSession(request: FastifyRequest, allowEnrolment = false): ActiveSession {
  const session = request.session;
  if (!session) throw new HttpError(401, 'unauthenticated', 'session: log in first (POST /api/auth/login)', 'session');
  if (session.stage !== 'full' && !allowEnrolment) {
    throw new HttpError(403, 'totp_enrolment_required', 'totp: your role needs a second factor; enrol one (POST /api/auth/totp/enrol) first', 'totp');
  }
  return session;
}

export const subjectOf = (session: ActiveSession): Subject => ({
  role: session.user.role, stationId: session.user.station_id,
  beatIds: session.user.beat_ids, handoverBeatIds: session.user.handover_beat_ids,
});

/**
 * Require a live session allowed to do `action` on `resource`. A refusal is audited (in its own
 * transaction: nothing else happens in a refused request) and answered 403.
 */
export async function requireAllowed(app: FastifyInstance, request: FastifyRequest, action: Action, resource: Resource): Promise<ActiveSession> {
  const session = requireSession(request);
  const decision = decide(subjectOf(session), action, resource);
  if (!decision.allow) {
    await appendAuditNow(app.database.db, auditActor(request), {
      action: `${action}.denied`, outcome: 'denied', objectType: resource.kind, reason: decision.reason,
      detail: `${request.method} ${request.routeOptions.url ?? request.url}`, at: app.authSettings.clock(),
    });
    const error = new HttpError(403, 'forbidden', `role: ${session.user.role} may not ${action} here (${decision.reason})`, 'role');
    error.audited = true;
    throw error;
  }
  return session;
}
