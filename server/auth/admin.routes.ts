import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import type { Database } from '../db/schema.js';
import { badRequest, HttpError, notFound } from '../http/errors.js';
import { ErrorBody } from '../http/schemas.js';
import { findUserById, insertUser, revokeUserSessions, updateUser } from './account-repository.js';
import { auditActor, requireAllowed } from './auth-plugin.js';
import { AccountUser, CreateUserBody, ReasonBody, UserIdParams } from './auth-schemas.js';
import { userView } from './auth.routes.js';
import { hashPassword } from './password.js';
import { passwordProblem } from './password-policy.js';

const tags = ['admin'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Account administration (role admin): create users, unlock a locked account, disable an account. */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post('/api/admin/users', {
    config: { access: { kind: 'accounts' } },
    schema: { tags, summary: 'Create a user with a role, station and beats', body: CreateUserBody, response: { 201: AccountUser, ...errors } },
  }, async (request, reply) => {
    await requireAllowed(app, request, 'admin', { kind: 'accounts' });
    const body = request.body;
    const problem = passwordProblem(body.password, body.username);
    if (problem) throw badRequest('password', problem);
    const stationId = body.stationId ?? null;
    await checkJurisdiction(db, stationId, body.beatIds ?? [], 'beatIds');
    await checkJurisdiction(db, stationId, body.handoverBeatIds ?? [], 'handoverBeatIds');
    const passwordHash = await hashPassword(body.password);
    const now = app.authSettings.clock();
    const user = await db.transaction().execute(async (trx) => {
      const taken = await sql`SELECT 1 FROM users WHERE username = ${body.username}`.execute(trx);
      if (taken.rows.length) throw new HttpError(409, 'conflict', `username: "${body.username}" is taken`, 'username');
      const created = await insertUser(trx, {
        username: body.username, displayName: body.displayName, passwordHash, role: body.role, stationId,
        beatIds: body.beatIds ?? [], handoverBeatIds: body.handoverBeatIds ?? [],
      }, now);
      await appendAudit(trx, auditActor(request), {
        action: 'user.create', outcome: 'success', objectType: 'user', objectIds: [created.id, created.username], at: now,
        detail: `role ${created.role}, station ${created.station_id ?? '-'}, beats [${created.beat_ids.join(',')}], handover [${created.handover_beat_ids.join(',')}]`,
      });
      return created;
    });
    return reply.status(201).send(userView(user));
  });

  app.post('/api/admin/users/:id/unlock', {
    config: { access: { kind: 'accounts' } },
    schema: { tags, summary: 'Unlock an account locked by failed logins (clears the failure count)', params: UserIdParams, body: ReasonBody, response: { 200: AccountUser, ...errors } },
  }, async (request) => {
    await requireAllowed(app, request, 'admin', { kind: 'accounts' });
    const id = Number(request.params.id);
    const now = app.authSettings.clock();
    return db.transaction().execute(async (trx) => {
      const user = await findUserById(trx, id, true);
      if (!user) throw notFound(`no user with id ${id}`);
      await updateUser(trx, id, { locked_at: null, failures_cleared_at: now.toISOString() }, now);
      await appendAudit(trx, auditActor(request), { action: 'user.unlock', outcome: 'success', objectType: 'user', objectIds: [id], reason: request.body.reason, at: now });
      return userView((await findUserById(trx, id))!);
    });
  });

  app.post('/api/admin/users/:id/disable', {
    config: { access: { kind: 'accounts' } },
    schema: { tags, summary: 'Disable an account: its sessions end at once and it cannot log in', params: UserIdParams, body: ReasonBody, response: { 200: AccountUser, ...errors } },
  }, async (request) => {
    const session = await requireAllowed(app, request, 'admin', { kind: 'accounts' });
    const id = Number(request.params.id);
    if (id === session.user.id) throw badRequest('id', 'you cannot disable your own account');
    const now = app.authSettings.clock();
    const disabled = await db.transaction().execute(async (trx) => {
      const user = await findUserById(trx, id, true);
      if (!user) throw notFound(`no user with id ${id}`);
      await updateUser(trx, id, { disabled_at: user.disabled_at ?? now.toISOString() }, now);
      const revoked = await revokeUserSessions(trx, id, now, 'user_disabled');
      app.sessionCache.forgetUser(id);
      await appendAudit(trx, auditActor(request), {
        action: 'user.disable', outcome: 'success', objectType: 'user', objectIds: [id], reason: request.body.reason, at: now,
        detail: `${revoked} session(s) revoked`,
      });
      return userView((await findUserById(trx, id))!);
    });
    app.sessionCache.forgetUser(id); // after commit too: a request resolving meanwhile may have cached the session
    return disabled;
  });
};

/** Beats must exist and, when a station is given, belong to it; the station must exist. */
async function checkJurisdiction(db: Kysely<Database>, stationId: number | null, beatIds: number[], field: string): Promise<void> {
  if (stationId !== null) {
    const station = await db.selectFrom('police_stations').select('id').where('id', '=', stationId).executeTakeFirst();
    if (!station) throw badRequest('stationId', `no police station with id ${stationId}`);
  }
  if (beatIds.length === 0) return;
  const beats = await db.selectFrom('beats').select(['id', 'station_id']).where('id', 'in', beatIds).execute();
  const missing = beatIds.find((id) => !beats.some((b) => b.id === id));
  if (missing !== undefined) throw badRequest(field, `no beat with id ${missing}`);
  const foreign = stationId === null ? undefined : beats.find((b) => b.station_id !== stationId);
  if (foreign) throw badRequest(field, `beat ${foreign.id} belongs to station ${foreign.station_id}, not ${stationId}`);
}
