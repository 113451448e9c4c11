import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isNowhere } from '../access/jurisdiction.js';
import { auditActor } from '../auth/auth-plugin.js';
import { scopeOf } from '../access/route-access.js';
import { badRequest } from '../http/errors.js';
import { ErrorBody } from '../http/schemas.js';
import { registerById, REGISTERS } from '../registers/specs/index.js';
import { checkGeometry } from '../registers/validation/geometry-input.js';
import { DEFAULT_LIMIT, SelectionBody, SelectionResponse } from './selection-schemas.js';
import { selectInside } from './selection-service.js';

/** Drawn selections are small; a polygon with more vertices than this is not a hand-drawn area. */
const MAX_VERTICES = 2_000;

/** `POST /api/selection`: the records of every register inside a drawn polygon (or circle as a polygon). */
export const selectionRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/api/selection', {
    config: { access: { kind: 'registers', action: 'export' } },
    schema: {
      tags: ['selection'],
      summary: 'Records inside a polygon, per register (deleted records never; people listed as records, as the register API returns them)',
      body: SelectionBody,
      response: { 200: SelectionResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
  }, async (request) => {
    const { geometry, registers, limit } = request.body;
    const checked = checkGeometry(geometry, 'Polygon', { maxVertices: MAX_VERTICES });
    if (!checked.ok) throw badRequest('geometry', checked.reason);
    // A selection is the list an officer exports: only registers (and beats) the role may export.
    const specs = (registers ? REGISTERS.filter((spec) => registers.includes(spec.id as never)) : REGISTERS)
      .filter((spec) => !isNowhere(scopeOf(request, 'export', spec.id)));
    // The schema already limits names to register ids; this keeps the two from drifting silently.
    for (const id of registers ?? []) if (!registerById(id)) throw badRequest('registers', `unknown register "${id}"`);
    const perRegister = limit ?? DEFAULT_LIMIT;
    const found = await selectInside(app.database.db, checked.geometry, specs, perRegister, (register) => scopeOf(request, 'export', register));
    // A selection is what the client exports (CSV, GeoJSON): every one is audited, whatever the register.
    if (found.length > 0) {
      await app.auditBatcher.append(auditActor(request), {
        action: 'selection.export', outcome: 'success', objectType: found.map((group) => group.register).join(','),
        objectIds: found.flatMap((group) => group.items.map((item) => `${group.register}/${item.id}`)), at: app.authSettings.clock(),
      });
    }
    return { limit: perRegister, registers: found };
  });
};
