import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditRead, writeGuard } from '../access/request-audit.js';
import { scopeOf } from '../access/route-access.js';
import { appendAudit } from '../audit/audit-log.js';
import { auditActor, enforceUserLimit } from '../auth/auth-plugin.js';
import { badRequest, HttpError, notFound } from '../http/errors.js';
import { ErrorBody } from '../http/schemas.js';
import { hasPersonalData, maskedChanges, maskedRecord, revealedFields } from '../privacy/record-masking.js';
import { listRecords, parseListQuery } from './record-list.js';
import {
  createBodySchema, DeleteBody, HistoryEntry, listQuerySchema, patchBodySchema, recordSchema, VerifyBody,
} from './record-schemas.js';
import {
  createRecord, deleteRecord, etagOf, existsInScope, getRecord, getRecordAsOf, historyOf, patchRecord, verifyRecord, type WriteContext,
} from './record-service.js';
import type { RegisterSpec } from './register-spec.js';
import { IdParams, requireIfMatch, writeContext } from './request-context.js';
import { REGISTERS } from './specs/index.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 413: ErrorBody, 422: ErrorBody, 428: ErrorBody };

const RevealBody = Type.Object({
  purpose: Type.String({ minLength: 2, maxLength: 200, description: 'what the values are needed for (e.g. a case number, a visit)' }),
  reason: Type.String({ minLength: 2, maxLength: 500, description: 'why the masked values are not enough' }),
}, { additionalProperties: false });

/**
 * REST for every register, generated from its spec: list, get (asOf), create, patch, delete, verify,
 * history, reveal. Every route is limited to the caller's jurisdiction (records outside it are not
 * found), answers with personal fields masked, and audits reads of people and cases and every write.
 */
export const registerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const spec of REGISTERS) routesFor(app, spec);
};

function routesFor(app: FastifyInstance, spec: RegisterSpec): void {
  const base = `/api/${spec.id}`;
  const tags = [spec.id];
  const Record = recordSchema(spec);
  const CreateBody = createBodySchema(spec);
  const PatchBody = patchBodySchema(spec);
  const db = app.database.db;
  const typed = app.withTypeProvider<import('@fastify/type-provider-typebox').TypeBoxTypeProvider>();
  const guarded = guardedFor(app, spec);

  const read = { access: { kind: 'register' as const, action: 'read' as const, register: spec.id } };
  const write = { access: { kind: 'register' as const, action: 'write' as const, register: spec.id } };

  typed.get(base, {
    config: read,
    schema: {
      tags, summary: `List ${spec.title.en} (${spec.title.zh})`, querystring: listQuerySchema(spec),
      response: { 200: Type.Object({ items: Type.Array(Record), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
  }, async (request) => {
    const filters = parseListQuery(spec, request.query as Record<string, string | undefined>);
    const { items, total } = await listRecords(db, spec, { ...filters, scope: scopeOf(request, 'read', spec.id) });
    await auditRead(app, request, spec.id, items.map((item) => item.id));
    return { items: items.map((item) => maskedRecord(spec, item)), total, limit: filters.limit, offset: filters.offset };
  });

  typed.get(`${base}/:id`, {
    config: read,
    schema: {
      tags, summary: `One ${spec.title.en} record; ?asOf=<time> for the record as it was then`, params: IdParams,
      querystring: Type.Object({ asOf: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }),
      response: { 200: Record, ...errors },
    },
  }, async (request, reply) => {
    const id = Number(request.params.id);
    const scope = scopeOf(request, 'read', spec.id);
    if (request.query.asOf) {
      const at = new Date(request.query.asOf);
      if (Number.isNaN(at.getTime())) throw badRequest('asOf', 'must be a date-time');
      const record = await existsInScope(db, spec, id, scope) ? await getRecordAsOf(db, spec, id, at) : null;
      if (!record) throw notFound(`no ${spec.id} record with id ${id} at ${request.query.asOf}`);
      await auditRead(app, request, spec.id, [id]);
      return maskedRecord(spec, record);
    }
    const record = await getRecord(db, spec, id, false, scope);
    if (!record) throw notFound(`no ${spec.id} record with id ${id}`);
    await auditRead(app, request, spec.id, [id]);
    reply.header('etag', etagOf(record.version));
    return maskedRecord(spec, record);
  });

  typed.post(base, {
    config: write,
    schema: { tags, summary: `Create a ${spec.title.en} record (inside a beat you may change)`, body: CreateBody, response: { 201: Record, ...errors } },
  }, async (request, reply) => {
    const body = request.body as Static<typeof CreateBody>;
    const record = await createRecord(db, spec, body, guarded(request, writeContext(request, body as never, 'field_visit')));
    return reply.status(201).header('etag', etagOf(record.version)).header('location', `${base}/${record.id}`).send(maskedRecord(spec, record));
  });

  typed.patch(`${base}/:id`, {
    config: write,
    schema: {
      tags, summary: `Change a ${spec.title.en} record (If-Match required)`, params: IdParams, body: PatchBody,
      headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }), response: { 200: Record, ...errors },
    },
  }, async (request, reply) => {
    const version = requireIfMatch(request);
    const body = request.body as Static<typeof PatchBody>;
    const record = await patchRecord(db, spec, Number(request.params.id), version, body, guarded(request, writeContext(request, body as never, 'correction')));
    return reply.header('etag', etagOf(record.version)).send(maskedRecord(spec, record));
  });

  typed.delete(`${base}/:id`, {
    config: write,
    schema: {
      tags, summary: `Delete a ${spec.title.en} record with a reason (If-Match required); it stays in history`,
      params: IdParams, body: DeleteBody, response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    const version = requireIfMatch(request);
    await deleteRecord(db, spec, Number(request.params.id), version, guarded(request, writeContext(request, request.body as never, 'correction')));
    return reply.status(204).send(null);
  });

  typed.post(`${base}/:id/verify`, {
    config: write,
    schema: { tags, summary: 'Record that the record was checked now (by whom, how)', params: IdParams, body: VerifyBody, response: { 200: Record, ...errors } },
  }, async (request, reply) => {
    const record = await verifyRecord(db, spec, Number(request.params.id), request.body.how,
      guarded(request, { ...writeContext(request, undefined, 'field_visit'), reason: request.body.note ?? null }));
    return reply.header('etag', etagOf(record.version)).send(maskedRecord(spec, record));
  });

  typed.get(`${base}/:id/history`, {
    config: read,
    schema: { tags, summary: 'Every version: who, when, what changed from what to what, and why', params: IdParams, response: { 200: Type.Array(HistoryEntry), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
  }, async (request) => {
    const id = Number(request.params.id);
    const history = await historyOf(db, spec, id, scopeOf(request, 'read', spec.id)) as Static<typeof HistoryEntry>[];
    if (history.length === 0) throw notFound(`no ${spec.id} record with id ${request.params.id}`);
    await auditRead(app, request, spec.id, [id]);
    return history.map((entry) => ({ ...entry, changes: maskedChanges(spec, entry.changes as Record<string, { from: unknown; to: unknown }>) }));
  });

  if (!hasPersonalData(spec)) return;
  typed.post(`${base}/:id/reveal`, {
    config: { access: { kind: 'register', action: 'reveal', register: spec.id } },
    schema: {
      tags, summary: 'The unmasked personal fields of one record, for a stated purpose (rate limited, audited)', params: IdParams, body: RevealBody,
      response: { 200: Type.Object({ register: Type.String(), id: Type.Integer(), fields: Type.Record(Type.String(), Type.Unknown()) }), ...errors, 429: ErrorBody },
    },
  }, async (request) => {
    const id = Number(request.params.id);
    enforceUserLimit(app.userLimits.reveal, request, 'reveals');
    const record = await getRecord(db, spec, id, false, scopeOf(request, 'reveal', spec.id));
    if (!record) {
      // Readable but not revealable is a refusal (403); not readable at all is "no such record" (404).
      if (await getRecord(db, spec, id, false, scopeOf(request, 'read', spec.id))) {
        throw new HttpError(403, 'forbidden', `role: ${request.session!.user.role} may not reveal this ${spec.id} record (outside your beats)`, 'role');
      }
      throw notFound(`no ${spec.id} record with id ${id}`);
    }
    const { purpose, reason } = request.body;
    const fields = revealedFields(spec, record);
    await db.transaction().execute((trx) => appendAudit(trx, auditActor(request), {
      action: `${spec.id}.reveal`, outcome: 'success', objectType: spec.id, objectIds: [id], purpose, reason,
      detail: Object.keys(fields).join(', '), at: app.authSettings.clock(),
    }));
    return { register: spec.id, id, fields };
  });
}

/** The write context with the caller's jurisdiction and the audit row the write must carry. */
function guardedFor(app: FastifyInstance, spec: RegisterSpec) {
  return (request: FastifyRequest, ctx: WriteContext): WriteContext => ({ ...ctx, guard: writeGuard(app, request, spec, ctx.reason) });
}
