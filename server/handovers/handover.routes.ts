import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditActor, requireAllowed } from '../auth/auth-plugin.js';
import { badRequest } from '../http/errors.js';
import { ErrorBody } from '../http/schemas.js';
import { listHandovers, type HandoverRow } from './handover-repository.js';
import { CloseHandoverBody, Handover, HandoverIdParams, HandoverList, HandoverListQuery, StartHandoverBody } from './handover-schemas.js';
import { cancelHandover, completeHandover, startHandover, type HandoverContext } from './handover-service.js';

const tags = ['admin'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const access = { kind: 'accounts' } as const;

/** Beat handovers (交接), run by admins: start, complete, cancel; every step audited in its own transaction. */
export const handoverRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/api/admin/handovers', {
    config: { access },
    schema: { tags, summary: 'Handovers, newest first, optionally of one status', querystring: HandoverListQuery, response: { 200: HandoverList, ...errors } },
  }, async (request) => {
    await requireAllowed(app, request, 'admin', access);
    const limit = request.query.limit === undefined ? 100 : Number(request.query.limit);
    if (limit < 1 || limit > 500) throw badRequest('limit', 'must be from 1 to 500');
    return { items: (await listHandovers(db, { status: request.query.status, limit })).map(handoverView) };
  });

  app.post('/api/admin/handovers', {
    config: { access },
    schema: {
      tags, summary: 'Start handing beats over: the recipient reads them at once', body: StartHandoverBody,
      response: { 201: Handover, ...errors },
    },
  }, async (request, reply) => {
    await requireAllowed(app, request, 'admin', access);
    const body = request.body;
    const handover = await step(app, request, (ctx) => startHandover(db, {
      toUserId: body.toUserId, fromUserId: body.fromUserId ?? null, beatIds: body.beatIds, dueAt: body.dueAt ?? null, reason: body.reason,
    }, ctx));
    return reply.status(201).send(handoverView(handover));
  });

  app.post('/api/admin/handovers/:id/complete', {
    config: { access },
    schema: {
      tags, summary: 'Complete an open handover: the beats become the recipient\'s own and leave the outgoing officer',
      params: HandoverIdParams, body: CloseHandoverBody, response: { 200: Handover, ...errors },
    },
  }, async (request) => {
    await requireAllowed(app, request, 'admin', access);
    return handoverView(await step(app, request, (ctx) => completeHandover(db, Number(request.params.id), request.body.reason, ctx)));
  });

  app.post('/api/admin/handovers/:id/cancel', {
    config: { access },
    schema: {
      tags, summary: 'Cancel an open handover: the recipient no longer reads its beats',
      params: HandoverIdParams, body: CloseHandoverBody, response: { 200: Handover, ...errors },
    },
  }, async (request) => {
    await requireAllowed(app, request, 'admin', access);
    return handoverView(await step(app, request, (ctx) => cancelHandover(db, Number(request.params.id), request.body.reason, ctx)));
  });
};

/**
 * Run a handover step. The users it reports changed have their cached sessions dropped inside its
 * transaction and again after the commit: a request resolving meanwhile may have cached the old reach.
 * The step says who changed; the routes need not know.
 */
async function step(app: FastifyInstance, request: FastifyRequest, run: (ctx: HandoverContext) => Promise<HandoverRow>): Promise<HandoverRow> {
  const changed: number[] = [];
  const forget = (ids: readonly number[]) => { for (const id of ids) app.sessionCache.forgetUser(id); };
  const handover = await run({
    actor: auditActor(request), now: app.authSettings.clock(),
    onUsersChanged: (ids) => { changed.push(...ids); forget(ids); },
  });
  forget(changed);
  return handover;
}

export function handoverView(row: HandoverRow) {
  return {
    id: row.id, beatIds: row.beat_ids, fromUserId: row.from_user_id, toUserId: row.to_user_id, status: row.status,
    reason: row.note, dueAt: row.due_at, openedBy: row.opened_by, openedAt: row.opened_at,
    closedBy: row.closed_by, closedAt: row.closed_at, closeReason: row.close_reason,
  };
}
