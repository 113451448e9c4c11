import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditActor, requireAllowed } from '../auth/auth-plugin.js';
import { badRequest } from '../http/errors.js';
import { ErrorBody } from '../http/schemas.js';
import { appendAudit, queryAuditLog, verifyAuditChain } from './audit-log.js';

const tags = ['audit'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const AuditEntry = Type.Object({
  seq: Type.Integer({ description: 'position in the hash chain' }),
  at: Type.String({ format: 'date-time' }),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  username: Nullable(Type.String()),
  role: Nullable(Type.String()),
  sourceAddress: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  action: Type.String(),
  objectType: Nullable(Type.String()),
  objectIds: Type.Array(Type.String()),
  purpose: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')]),
  detail: Nullable(Type.String()),
  prevHash: Type.String(),
  hash: Type.String(),
});

const AuditQuery = Type.Object({
  userId: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$' })),
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  objectType: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  objectId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'entries at or after this time' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'entries before this time' })),
  beforeSeq: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'next page: entries before this chain position' })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: '1–1000, default 100' })),
}, { additionalProperties: false });

const ChainReport = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'rows that verified before the first broken link' }),
  headSeq: Type.Integer({ description: 'chain position of the newest entry' }),
  firstBroken: Type.Union([Type.Null(), Type.Object({
    seq: Type.Integer({ description: 'chain position of the first row that does not verify' }),
    reason: Type.Union(['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap', 'head_mismatch'].map((r) => Type.Literal(r))),
  })]),
});

/** The audit log for auditors: filtered reads (themselves audited) and a check of the hash chain. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/api/audit', {
    config: { access: { kind: 'audit_log' } },
    schema: {
      tags, summary: 'Audit entries, newest first, filtered by user, object, action and time (this read is audited too)',
      querystring: AuditQuery, response: { 200: Type.Object({ items: Type.Array(AuditEntry), nextBeforeSeq: Type.Union([Type.Integer(), Type.Null()]) }), ...errors },
    },
  }, async (request) => {
    await requireAllowed(app, request, 'audit', { kind: 'audit_log' });
    const q = request.query;
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    if (limit < 1 || limit > 1000) throw badRequest('limit', 'must be from 1 to 1000');
    const from = q.from === undefined ? undefined : dateOf('from', q.from);
    const to = q.to === undefined ? undefined : dateOf('to', q.to);
    const filters = {
      userId: q.userId === undefined ? undefined : Number(q.userId), username: q.username, action: q.action,
      objectType: q.objectType, objectId: q.objectId, from, to, limit,
      beforeSeq: q.beforeSeq === undefined ? undefined : Number(q.beforeSeq),
    };
    const now = app.authSettings.clock();
    // The read and its audit entry in one transaction: no audit entry, no answer.
    const rows = await db.transaction().execute(async (trx) => {
      const found = await queryAuditLog(trx, filters);
      await appendAudit(trx, auditActor(request), {
        action: 'audit.read', outcome: 'success', objectType: 'audit_log', objectIds: found.map((r) => r.seq), at: now,
        detail: JSON.stringify(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined))),
      });
      return found;
    });
    return {
      items: rows.map((r) => ({
        seq: r.seq, at: r.at, userId: r.user_id, username: r.username, role: r.role, sourceAddress: r.source_address,
        requestId: r.request_id, action: r.action, objectType: r.object_type, objectIds: r.object_ids, purpose: r.purpose,
        reason: r.reason, outcome: r.outcome, detail: r.detail, prevHash: r.prev_hash, hash: r.hash,
      })),
      nextBeforeSeq: rows.length === limit ? rows[rows.length - 1]!.seq : null,
    };
  });

  app.get('/api/audit/verify', {
    config: { access: { kind: 'audit_log' } },
    schema: { tags, summary: 'Walk the hash chain and report the first broken link', response: { 200: ChainReport, ...errors } },
  }, async (request) => {
    await requireAllowed(app, request, 'audit', { kind: 'audit_log' });
    const report = await verifyAuditChain(db);
    await db.transaction().execute((trx) => appendAudit(trx, auditActor(request), {
      action: 'audit.verify', outcome: report.ok ? 'success' : 'failure', objectType: 'audit_log', at: app.authSettings.clock(),
      detail: report.ok ? `${report.checked} rows verify` : `first broken link at ${report.firstBroken!.seq}: ${report.firstBroken!.reason}`,
    }));
    return report;
  });
};

function dateOf(field: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badRequest(field, 'must be a date-time, e.g. 2026-06-30T08:00:00Z');
  return date;
}
