import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { auditReads } from '../access/request-audit.js';
import { scopeOf } from '../access/route-access.js';
import { enforceUserLimit } from '../auth/auth-plugin.js';
import { badRequest } from '../http/errors.js';
import { maskText } from '../privacy/masking.js';
import { ErrorBody } from '../http/schemas.js';
import { search } from './search-service.js';

const Hit = Type.Object({
  id: Type.Integer(), label: Type.String(), detail: Type.Union([Type.String(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]), lat: Type.Union([Type.Number(), Type.Null()]),
});
const Group = Type.Object({
  register: Type.String(), title: Type.Object({ zh: Type.String(), en: Type.String() }), hits: Type.Array(Hit),
});

/** `GET /api/search?q=`: one box over every register — names, ID numbers, phones, addresses, case numbers, call signs. */
export const searchRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/search', {
    config: { access: { kind: 'registers', action: 'read' } },
    schema: {
      tags: ['search'], summary: 'Search all registers; results grouped by register',
      querystring: Type.Object({
        q: Type.String({ maxLength: 100, description: 'name, ID number, phone, address, case number, premises name, call sign …' }),
        limit: Type.Optional(Type.String({ description: 'hits per register, 1–20 (default 5)' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ q: Type.String(), groups: Type.Array(Group) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
    },
  }, async (request) => {
    const { q, limit } = request.query;
    if (q.trim().length === 0) throw badRequest('q', 'must not be empty');
    const perGroup = limit === undefined ? 5 : Number(limit);
    if (!Number.isInteger(perGroup) || perGroup < 1 || perGroup > 20) throw badRequest('limit', `must be a whole number from 1 to 20, got "${limit}"`);
    enforceUserLimit(app.userLimits.search, request, 'searches');
    const groups = await search(app.database.pool, q, perGroup, (register) => scopeOf(request, 'read', register));
    await auditReads(app, request, groups.flatMap((group) => group.hits.map((hit) => ({ register: group.register, id: hit.id }))));
    // The query is echoed masked too: an ID number typed in the box is personal data like any other.
    return { q: maskText(q), groups };
  });
};
