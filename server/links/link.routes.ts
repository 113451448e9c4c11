import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditReads, auditWrite } from '../access/request-audit.js';
import { scopeOf } from '../access/route-access.js';
import { ErrorBody } from '../http/schemas.js';
import { maskName } from '../privacy/masking.js';
import type { RegisterSpec } from '../registers/register-spec.js';
import { actorOf, IdParams } from '../registers/request-context.js';
import { REGISTERS } from '../registers/specs/index.js';
import { createLink, linksOf, removeLink, type Link, type LinkGuard } from './link-service.js';
import { LINK_TYPES } from './link-types.js';

const LinkBody = Type.Object({
  linkId: Type.Union([Type.Integer(), Type.Null()]),
  type: Type.String({ description: 'a hand-made link type, a reference field name, or same_address' }),
  direction: Type.Union([Type.Literal('out'), Type.Literal('in')]),
  role: Type.Union([Type.String(), Type.Null()]),
  register: Type.String(),
  id: Type.Integer(),
  label: Type.Union([Type.String(), Type.Null()]),
});

const NewLink = Type.Object({
  type: Type.Union(LINK_TYPES.map((t) => Type.Literal(t.id))),
  to_register: Type.Union(REGISTERS.map((r) => Type.Literal(r.id))),
  to_id: Type.Integer({ minimum: 1 }),
  role: Type.Optional(Type.String({ maxLength: 30 })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

/** `/api/<register>/{id}/links`: one hop of the correlation graph, and hand-made links. */
export const linkRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;
  for (const spec of REGISTERS) {
    const base = `/api/${spec.id}/:id/links`;
    const tags = [spec.id];
    const read = { access: { kind: 'register' as const, action: 'read' as const, register: spec.id } };
    const write = { access: { kind: 'register' as const, action: 'write' as const, register: spec.id } };
    app.get(base, {
      config: read,
      schema: { tags, summary: 'Records one hop away, with how they are linked (at most 50 of each kind and register, newest first), within your jurisdiction', params: IdParams, response: { 200: Type.Array(LinkBody), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    }, async (request) => {
      const id = Number(request.params.id);
      // One statement: the record (outside the caller's jurisdiction it "does not exist") and its
      // partners within their registers' jurisdictions.
      const links = await linksOf(app.database.pool, spec, id, (register) => scopeOf(request, 'read', register));
      await auditReads(app, request, links);
      return links.map((link) => maskedLink(spec, link));
    });

    app.post(base, {
      config: write,
      schema: { tags, summary: 'Link this record to another', params: IdParams, body: NewLink, response: { 201: Type.Object({ linkId: Type.Integer() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
    }, async (request, reply) => {
      const linkId = await createLink(db, spec, Number(request.params.id), request.body, actorOf(request), linkGuard(app, request, spec, null));
      return reply.status(201).send({ linkId });
    });

    app.delete(`${base}/:linkId`, {
      config: write,
      schema: {
        tags, summary: 'Remove a hand-made link, with a reason (kept, marked removed)',
        params: Type.Object({ id: IdParams.properties.id, linkId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) }),
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    }, async (request, reply) => {
      await removeLink(db, spec, Number(request.params.id), Number(request.params.linkId), actorOf(request), request.body.reason,
        linkGuard(app, request, spec, request.body.reason));
      return reply.status(204).send(null);
    });
  }
};

/** The persons of a case are shown by family name only (masked like every personal field). */
function maskedLink(spec: RegisterSpec, link: Link): Link {
  return spec.id === 'cases' && link.register === 'people' && link.label ? { ...link, label: maskName(link.label) } : link;
}

function linkGuard(app: FastifyInstance, request: FastifyRequest, spec: RegisterSpec, reason: string | null): LinkGuard {
  return {
    read: scopeOf(request, 'read', spec.id),
    write: scopeOf(request, 'write', spec.id),
    otherRead: (register) => scopeOf(request, 'read', register),
    record: (trx, action, linkId) => auditWrite(trx, app, request, { action: `${spec.id}.${action}`, objectType: 'record_link', objectId: linkId, reason }),
  };
}
