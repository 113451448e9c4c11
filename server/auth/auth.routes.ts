import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { appendAudit, appendAuditNow } from '../audit/audit-log.js';
import { HttpError } from '../http/errors.js';
import { ErrorBody } from '../http/schemas.js';
import { findUserById, revokeSession, setSessionStage, updateUser, type UserRow } from './account-repository.js';
import { TOTP_REQUIRED_ROLES } from './account-tables.js';
import type { FastifyInstance } from 'fastify';
import { accessSummary } from '../access/access-summary.js';
import { auditActor, clearSessionCookie, requireSession, setSessionCookie, subjectOf } from './auth-plugin.js';
import { LoginBody, SessionInfo, TotpConfirmBody, TotpEnrolment } from './auth-schemas.js';
import { login, type ActiveSession } from './auth-service.js';
import { csrfTokenFor } from './session-token.js';
import { newTotpSecret, otpauthUri, base32Encode, verifyTotp } from './totp.js';

const tags = ['auth'];
const INVALID_CREDENTIALS = 'username or password is wrong, or the account is locked or disabled; after 5 failures an administrator must unlock it';

/** Login, logout, the current session, and enrolment of a second factor. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post('/api/auth/login', {
    config: { access: { kind: 'public' } },
    schema: {
      tags, summary: 'Log in with username and password (and a TOTP code once a second factor is enrolled); sets the session cookie',
      body: LoginBody, response: { 200: SessionInfo, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
    },
  }, async (request, reply) => {
    const { username } = request.body;
    const wait = Math.max(app.loginLimits.perAddress.hit(request.ip), app.loginLimits.perUsername.hit(username.trim().toLowerCase()));
    if (wait > 0) {
      await appendAuditNow(db, auditActor(request), {
        action: 'auth.login', outcome: 'denied', reason: 'rate_limited', detail: `username "${username.slice(0, 40)}"`, at: app.authSettings.clock(),
      });
      const error = new HttpError(429, 'rate_limited', `too many login attempts; try again in ${Math.ceil(wait / 1000)} s`);
      error.headers['retry-after'] = String(Math.ceil(wait / 1000));
      throw error;
    }
    const result = await login(db, app.authSettings, request.body, {
      sourceAddress: request.ip, requestId: request.id, userAgent: request.headers['user-agent'] ?? null,
    });
    switch (result.kind) {
      case 'invalid_credentials':
        throw new HttpError(401, 'invalid_credentials', INVALID_CREDENTIALS);
      case 'totp_required':
        throw new HttpError(401, 'totp_required', 'totp: enter the code from your authenticator app', 'totp');
      case 'invalid_totp':
        throw new HttpError(401, 'invalid_totp', 'totp: the code is wrong, expired or already used', 'totp');
    }
    setSessionCookie(app, request, reply, result.token);
    const idleExpiresAt = new Date(Math.min(app.authSettings.clock().getTime() + app.authSettings.idleTimeoutMs, result.expiresAt.getTime()));
    return sessionInfo(app, { sessionId: 0, stage: result.stage, expiresAt: result.expiresAt, idleExpiresAt, user: result.user }, result.token);
  });

  app.post('/api/auth/logout', {
    config: { access: { kind: 'public' } }, // works with or without a session: it only ends one
    schema: { tags, summary: 'End the session at once (the cookie stops working everywhere)', response: { 204: Type.Null(), 403: ErrorBody } },
  }, async (request, reply) => {
    const session = request.session;
    if (session) {
      const now = app.authSettings.clock();
      await db.transaction().execute(async (trx) => {
        await revokeSession(trx, session.sessionId, now, 'logout');
        app.sessionCache.forgetSession(session.sessionId);
        await appendAudit(trx, auditActor(request), { action: 'auth.logout', outcome: 'success', objectType: 'session', objectIds: [session.sessionId], at: now });
      });
      // Again after commit: a request resolving meanwhile may have cached the session as it was.
      app.sessionCache.forgetSession(session.sessionId);
    }
    clearSessionCookie(app, request, reply);
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { access: { kind: 'session' } },
    schema: { tags, summary: 'The logged-in user, the session and its CSRF token', response: { 200: SessionInfo, 401: ErrorBody } },
  }, async (request) => sessionInfo(app, requireSession(request, true), request.sessionToken!));

  app.post('/api/auth/totp/enrol', {
    config: { access: { kind: 'session' } },
    schema: {
      tags, summary: 'Start enrolling a second factor: a new TOTP secret for the authenticator app (confirm with a code)',
      response: { 200: TotpEnrolment, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
    },
  }, async (request) => {
    const session = requireSession(request, true);
    if (session.user.totp_secret) throw new HttpError(409, 'totp_already_enabled', 'totp: a second factor is already enrolled; an administrator can reset it', 'totp');
    const secret = newTotpSecret();
    const now = app.authSettings.clock();
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, session.user.id, { totp_pending_secret: secret }, now);
      await appendAudit(trx, auditActor(request), { action: 'totp.enrol', outcome: 'success', objectType: 'user', objectIds: [session.user.id], at: now });
    });
    return { secret: base32Encode(secret), otpauthUri: otpauthUri(secret, session.user.username) };
  });

  app.post('/api/auth/totp/confirm', {
    config: { access: { kind: 'session' } },
    schema: {
      tags, summary: 'Finish enrolment with a code from the app; the second factor is then required at every login',
      body: TotpConfirmBody, response: { 200: SessionInfo, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 429: ErrorBody },
    },
  }, async (request) => {
    const session = requireSession(request, true);
    const wait = app.loginLimits.perUsername.hit(session.user.username);
    if (wait > 0) throw new HttpError(429, 'rate_limited', `too many attempts; try again in ${Math.ceil(wait / 1000)} s`);
    const now = app.authSettings.clock();
    const confirmed = await db.transaction().execute(async (trx) => {
      const user = await findUserById(trx, session.user.id, true);
      if (!user?.totp_pending_secret) throw new HttpError(409, 'no_enrolment', 'totp: start with POST /api/auth/totp/enrol', 'totp');
      const step = verifyTotp(user.totp_pending_secret, request.body.code, now.getTime(), null);
      if (step === null) return null;
      await updateUser(trx, user.id, { totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_last_step: step }, now);
      await setSessionStage(trx, session.sessionId, 'full');
      app.sessionCache.forgetSession(session.sessionId);
      await appendAudit(trx, auditActor(request), { action: 'totp.confirm', outcome: 'success', objectType: 'user', objectIds: [user.id], at: now });
      return findUserById(trx, user.id);
    });
    app.sessionCache.forgetSession(session.sessionId); // after commit too (see logout)
    if (!confirmed) {
      await appendAuditNow(db, auditActor(request), { action: 'totp.confirm', outcome: 'failure', objectType: 'user', objectIds: [session.user.id], reason: 'bad_code', at: now });
      throw new HttpError(400, 'invalid_totp', 'code: is wrong or expired; enter the current code from the app', 'code');
    }
    return sessionInfo(app, { ...session, stage: 'full', user: confirmed }, request.sessionToken!);
  });
};

export function userView(user: UserRow) {
  return {
    id: user.id, username: user.username, displayName: user.display_name, role: user.role, stationId: user.station_id,
    beatIds: user.beat_ids, handoverBeatIds: user.handover_beat_ids, totpEnabled: user.totp_secret !== null,
    totpRequired: TOTP_REQUIRED_ROLES.includes(user.role),
  };
}

async function sessionInfo(app: FastifyInstance, session: ActiveSession, token: string) {
  return {
    user: userView(session.user),
    session: { stage: session.stage, expiresAt: session.expiresAt.toISOString(), idleExpiresAt: session.idleExpiresAt.toISOString() },
    csrfToken: csrfTokenFor(token),
    access: accessSummary(subjectOf(session), await app.beats.all(), session.stage === 'full'),
  };
}

