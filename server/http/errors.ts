import type { FastifyError, FastifyInstance } from 'fastify';
import { maskText } from '../privacy/masking.js';

/** An error a client can act on: a stable code, the field at fault, and why. */
export class HttpError extends Error {
  /** Response headers that belong to this error (e.g. the current ETag with a 412). */
  headers: Record<string, string> = {};
  /** Set when the refusal was already written to the audit log (the access hook audits the others). */
  audited = false;

  constructor(readonly statusCode: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (field: string, reason: string) => new HttpError(400, 'bad_request', `${field}: ${reason}`, field);
export const notFound = (what: string) => new HttpError(404, 'not_found', what);

/** Postgres and socket errors that mean "the database is not there right now", not a bug. */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '53100']);

function isUnavailable(error: { code?: string; message?: string }): boolean {
  return (error.code !== undefined && UNAVAILABLE.has(error.code)) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(error.message ?? '');
}

/**
 * One error handler for the whole API. 4xx bodies name the field and the reason; 5xx bodies reveal
 * nothing internal (no stack, no SQL) but carry the request id that is in the log line.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { field?: string }, request, reply) => {
    const requestId = request.id;
    if (error instanceof HttpError) {
      reply.headers(error.headers);
      return reply.status(error.statusCode).send({ error: error.code, message: error.message, field: error.field, requestId });
    }
    if (error.validation) {
      const first = error.validation[0];
      const path = first?.instancePath?.replace(/^\//, '').replaceAll('/', '.') ||
        (first?.params as { missingProperty?: string } | undefined)?.missingProperty || error.validationContext || 'request';
      const field = error.validationContext && path !== error.validationContext ? `${error.validationContext}.${path}` : path;
      return reply.status(400).send({ error: 'bad_request', message: `${field}: ${first?.message ?? 'is invalid'}`, field, requestId });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: error.code ?? 'bad_request', message: error.message, requestId });
    }
    if (isUnavailable(error)) {
      request.log.error({ err: error, requestId }, 'database unavailable');
      return reply.status(503).header('retry-after', '5')
        .send({ error: 'database_unavailable', message: 'the database is unavailable; try again shortly', requestId });
    }
    request.log.error({ err: error, requestId }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: `internal error (request id ${requestId})`, requestId });
  });

  app.setNotFoundHandler((request, reply) => {
    // The path is echoed masked: an ID number or phone in a mistyped URL is still personal data.
    reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${maskText(request.url.split('?')[0]!)}`, requestId: request.id });
  });
}
