import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';
import { parseIfMatch, type WriteContext } from './record-service.js';
import type { ChangeSource } from './register-spec.js';

export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'record id' }) });

/**
 * Who is acting, for the history: the signed-in user. Every route that writes needs a full session
 * (server/access/route-access.ts), so no request header can speak for someone else.
 */
export function actorOf(request: FastifyRequest): string {
  if (request.session?.stage !== 'full') throw new Error('actorOf: a write without a signed-in user (the route lacks an access rule)');
  return request.session.user.username;
}

export function writeContext(request: FastifyRequest, body: { source?: ChangeSource; reason?: string } | undefined,
  defaultSource: ChangeSource): WriteContext {
  return { actor: actorOf(request), source: body?.source ?? defaultSource, reason: body?.reason ?? null };
}

/** PATCH and DELETE must name the version they change: missing → 428, unparseable → 400. */
export function requireIfMatch(request: FastifyRequest): number {
  const version = parseIfMatch(request.headers['if-match']);
  if (version === null) throw new HttpError(428, 'precondition_required', 'If-Match: is required; send the ETag from your last GET of this record');
  if (Number.isNaN(version)) throw new HttpError(400, 'bad_request', 'If-Match: must be the record\'s ETag, e.g. "3"', 'If-Match');
  return version;
}
