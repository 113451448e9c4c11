import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAuditNow } from '../audit/audit-log.js';
import { auditActor, requireAllowed, requireSession, subjectOf } from '../auth/auth-plugin.js';
import type { Action, Subject } from '../auth/policy.js';
import { HttpError } from '../http/errors.js';
import { REGISTERS } from '../registers/specs/index.js';
import { BeatDirectory } from './beat-directory.js';
import { isNowhere, scopesOf, type BeatRef, type BeatScope } from './jurisdiction.js';

/**
 * Who may call a route, declared on the route itself (`config: { access }`) and enforced by one
 * hook before any handler runs. A route under /api without a declaration is refused (fail closed),
 * and the route × role matrix test fails on it.
 *
 * - `public`: no login (health, login, the API docs).
 * - `session`: any live session, even one that must still enrol a second factor (me, logout, TOTP).
 * - `base_map`: any full session (district, communities, beats, streets, buildings, addresses).
 * - `register`: `action` on one register (named, or taken from the request, e.g. a tile layer);
 *   403 when the role may do it nowhere; the handler then filters by `scope(action, register)`.
 * - `registers`: reads over several registers (search, selection); 403 when the role reads none.
 * - `audit_log`, `accounts`: auditors' and admins' routes.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'base_map' }
  | { kind: 'register'; action: Action; register: string | ((request: FastifyRequest) => string | 'base' | undefined) }
  | { kind: 'registers'; action: Action }
  | { kind: 'audit_log' }
  | { kind: 'accounts' };

/** The signed-in caller's jurisdiction, per (action, register) (derived once, jurisdiction.ts remembers it). */
export interface RequestAccess {
  subject: Subject;
  beats: readonly BeatRef[];
  scope(action: Action, register: string): BeatScope;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Set by the access hook for every route that needs a full session. */
    access: RequestAccess | null;
    /** The register a `register` rule resolved to (for the refusal's audit row). */
    accessRegister: string | null;
  }
  interface FastifyInstance {
    beats: BeatDirectory;
  }
}

/** Routes served without a declaration: the API docs (registered by @fastify/swagger-ui). */
const DOCS = /^\/api\/docs(\/|$)/;

export function registerAccessControl(app: FastifyInstance): void {
  app.decorate('beats', new BeatDirectory(app.database.pool));
  app.decorateRequest('access', null);
  app.decorateRequest('accessRegister', null);

  // Runs after the auth plugin's onRequest hook (registered first), which put the session on the request.
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined || !url.startsWith('/api') || DOCS.test(url)) return; // the client's files, a 404, the docs
    const access = request.routeOptions.config.access;
    if (!access) throw new HttpError(403, 'forbidden', `route: ${request.method} ${url} declares no access rule, so nobody may call it`, 'route');
    if (access.kind === 'public') return;
    if (access.kind === 'session') {
      requireSession(request, true);
      return;
    }
    // Resolved before the session check, so a 401's audit row names the register too.
    const register = access.kind === 'register' ? (typeof access.register === 'string' ? access.register : access.register(request)) : undefined;
    if (register !== undefined && register !== 'base') request.accessRegister = register;
    const session = requireSession(request);
    const beats = await app.beats.all();
    request.access = requestAccess(subjectOf(session), beats);
    switch (access.kind) {
      case 'base_map':
        return;
      case 'audit_log':
        await requireAllowed(app, request, 'audit', { kind: 'audit_log' });
        return;
      case 'accounts':
        await requireAllowed(app, request, 'admin', { kind: 'accounts' });
        return;
      case 'registers':
        if (REGISTERS.every((spec) => isNowhere(request.access!.scope(access.action, spec.id)))) {
          throw new HttpError(403, 'forbidden', `role: ${session.user.role} may not ${access.action} any register`, 'role');
        }
        return;
      case 'register': {
        if (register === undefined || register === 'base') return; // unknown: the handler answers 404
        if (isNowhere(request.access.scope(access.action, register))) {
          throw new HttpError(403, 'forbidden', `role: ${session.user.role} may not ${access.action} ${register}`, 'role');
        }
      }
    }
  });

  // Every refused request is audited: 401 (no session) and 403 (not allowed), with what was asked.
  // The auth routes (public, session) audit their own outcomes: login failures with their real reason.
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof HttpError) || (error.statusCode !== 401 && error.statusCode !== 403) || error.audited) return;
    const access = request.routeOptions.config?.access;
    if (access?.kind === 'public' || access?.kind === 'session') return;
    const action = access && 'action' in access ? access.action : access?.kind ?? 'request';
    await appendAuditNow(app.database.db, auditActor(request), {
      action: `${action}.denied`, outcome: 'denied', objectType: request.accessRegister,
      reason: `${error.code}: ${error.message}`, detail: `${request.method} ${request.routeOptions.url ?? request.url}`,
      at: app.authSettings.clock(),
    });
  });
}

export function requestAccess(subject: Subject, beats: readonly BeatRef[]): RequestAccess {
  return { subject, beats, scope: scopesOf(subject, beats) };
}

/** The caller's scope for `action` on `register` (routes behind a `register` or `registers` rule). */
export function scopeOf(request: FastifyRequest, action: Action, register: string): BeatScope {
  if (!request.access) throw new Error(`no access on ${request.method} ${request.url}: the route needs a register access rule`);
  return request.access.scope(action, register);
}
