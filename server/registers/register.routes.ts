import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { badRequest, notFound } from '../http/errors.js';
import { ErrorBody } from '../http/schemas.js';
import { listRecords, parseListQuery } from './record-list.js';
import {
  createBodySchema, DeleteBody, HistoryEntry, listQuerySchema, patchBodySchema, recordSchema, VerifyBody,
} from './record-schemas.js';
import {
  createRecord, deleteRecord, etagOf, getRecord, getRecordAsOf, historyOf, patchRecord, verifyRecord,
} from './record-service.js';
import type { RegisterSpec } from './register-spec.js';
import { IdParams, requireIfMatch, writeContext } from './request-context.js';
import { REGISTERS } from './specs/index.js';

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 413: ErrorBody, 422: ErrorBody, 428: ErrorBody };

/** REST for every register, generated from its spec: list, get (asOf), create, patch, delete, verify, history. */
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

  typed.get(base, {
    schema: {
      tags, summary: `List ${spec.title.en} (${spec.title.zh})`, querystring: listQuerySchema(spec),
      response: { 200: Type.Object({ items: Type.Array(Record), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), 400: ErrorBody },
    },
  }, async (request) => {
    const filters = parseListQuery(spec, request.query as Record<string, string | undefined>);
    const { items, total } = await listRecords(db, spec, filters);
    return { items, total, limit: filters.limit, offset: filters.offset };
  });

  typed.get(`${base}/:id`, {
    schema: {
      tags, summary: `One ${spec.title.en} record; ?asOf=<time> for the record as it was then`, params: IdParams,
      querystring: Type.Object({ asOf: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }),
      response: { 200: Record, ...errors },
    },
  }, async (request, reply) => {
    const id = Number(request.params.id);
    if (request.query.asOf) {
      const at = new Date(request.query.asOf);
      if (Number.isNaN(at.getTime())) throw badRequest('asOf', 'must be a date-time');
      const record = await getRecordAsOf(db, spec, id, at);
      if (!record) throw notFound(`no ${spec.id} record with id ${id} at ${request.query.asOf}`);
      return record;
    }
    const record = await getRecord(db, spec, id);
    if (!record) throw notFound(`no ${spec.id} record with id ${id}`);
    reply.header('etag', etagOf(record.version));
    return record;
  });

  typed.post(base, {
    schema: { tags, summary: `Create a ${spec.title.en} record`, body: CreateBody, response: { 201: Record, ...errors } },
  }, async (request, reply) => {
    const body = request.body as Static<typeof CreateBody>;
    const record = await createRecord(db, spec, body, writeContext(request, body as never, 'field_visit'));
    return reply.status(201).header('etag', etagOf(record.version)).header('location', `${base}/${record.id}`).send(record);
  });

  typed.patch(`${base}/:id`, {
    schema: {
      tags, summary: `Change a ${spec.title.en} record (If-Match required)`, params: IdParams, body: PatchBody,
      headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }), response: { 200: Record, ...errors },
    },
  }, async (request, reply) => {
    const version = requireIfMatch(request);
    const body = request.body as Static<typeof PatchBody>;
    const record = await patchRecord(db, spec, Number(request.params.id), version, body, writeContext(request, body as never, 'correction'));
    return reply.header('etag', etagOf(record.version)).send(record);
  });

  typed.delete(`${base}/:id`, {
    schema: {
      tags, summary: `Delete a ${spec.title.en} record with a reason (If-Match required); it stays in history`,
      params: IdParams, body: DeleteBody, response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    const version = requireIfMatch(request);
    await deleteRecord(db, spec, Number(request.params.id), version, writeContext(request, request.body as never, 'correction'));
    return reply.status(204).send(null);
  });

  typed.post(`${base}/:id/verify`, {
    schema: { tags, summary: 'Record that the record was checked now (by whom, how)', params: IdParams, body: VerifyBody, response: { 200: Record, ...errors } },
  }, async (request, reply) => {
    const record = await verifyRecord(db, spec, Number(request.params.id), request.body.how,
      { ...writeContext(request, undefined, 'field_visit'), reason: request.body.note ?? null });
    return reply.header('etag', etagOf(record.version)).send(record);
  });

  typed.get(`${base}/:id/history`, {
    schema: { tags, summary: 'Every version: who, when, what changed from what to what, and why', params: IdParams, response: { 200: Type.Array(HistoryEntry), 404: ErrorBody } },
  }, async (request) => {
    const history = await historyOf(db, spec, Number(request.params.id)) as Static<typeof HistoryEntry>[];
    if (history.length === 0) throw notFound(`no ${spec.id} record with id ${request.params.id}`);
    return history;
  });
}
