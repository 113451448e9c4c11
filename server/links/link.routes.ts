import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../http/schemas.js';
import { actorOf, IdParams } from '../registers/request-context.js';
import { REGISTERS } from '../registers/specs/index.js';
import { createLink, linksOf, removeLink } from './link-service.js';
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
    app.get(base, {
      schema: { tags, summary: 'Records one hop away, with how they are linked (at most 50 of each kind and register, newest first)', params: IdParams, response: { 200: Type.Array(LinkBody), 404: ErrorBody } },
    }, async (request) => linksOf(app.database.pool, spec, Number(request.params.id)));

    app.post(base, {
      schema: { tags, summary: 'Link this record to another', params: IdParams, body: NewLink, response: { 201: Type.Object({ linkId: Type.Integer() }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
    }, async (request, reply) => {
      const linkId = await createLink(db, spec, Number(request.params.id), request.body, actorOf(request));
      return reply.status(201).send({ linkId });
    });

    app.delete(`${base}/:linkId`, {
      schema: {
        tags, summary: 'Remove a hand-made link, with a reason (kept, marked removed)',
        params: Type.Object({ id: IdParams.properties.id, linkId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) }),
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody },
      },
    }, async (request, reply) => {
      await removeLink(db, spec, Number(request.params.id), Number(request.params.linkId), actorOf(request), request.body.reason);
      return reply.status(204).send(null);
    });
  }
};
