import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';
import { parseIfMatch, type WriteContext } from './record-service.js';
import type { ChangeSource } from './register-spec.js';

export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'record id' }) });

/**
 * Who is acting: the signed-in user when the request carries a live session (the header cannot then
 * speak for someone else); otherwise — until every route requires a login (issue 5, phase 2) — the
 * `X-Actor` header (an officer's badge or name), recorded in the history; `anonymous` when absent.
 */
export function actorOf(request: FastifyRequest): string {
  // `session` is put on every request by the auth plugin (server/auth/auth-plugin.ts).
  if (request.session?.stage === 'full') return request.session.user.username;
  const header = request.headers['x-actor'];
  const actor = (Array.isArray(header) ? header[0] : header)?.trim();
  return actor ? actor.slice(0, 50) : 'anonymous';
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
