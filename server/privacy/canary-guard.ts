import type { FastifyInstance } from 'fastify';

/**
 * Canary (honeytoken) ID numbers: fake residents seeded on purpose whose ID number must never leave
 * the server except through a reveal. Masking makes that true of every route; this guard is the
 * alarm if one ever is not — the response is replaced by a 500 and the leak is logged (masked),
 * so a regression fails loudly in tests and is caught in production. Configured with
 * `CANARY_ID_NUMBERS` (comma-separated); the test runs seed one and set it (vitest.config.ts).
 */
export function canariesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CANARY_ID_NUMBERS ?? '').split(',').map((value) => value.trim()).filter((value) => value.length >= 8);
}

export function registerCanaryGuard(app: FastifyInstance, canaries: readonly string[]): void {
  if (canaries.length === 0) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url?.endsWith('/reveal')) return payload; // the one way to see them
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('latin1') : null;
    if (text === null || !canaries.some((canary) => text.includes(canary))) return payload;
    request.log.error({ route: request.routeOptions.url, requestId: request.id }, 'canary ID number in a response: personal data is leaking');
    reply.status(500).type('application/json');
    return JSON.stringify({ error: 'canary_leak', message: `internal error (request id ${request.id})`, requestId: request.id });
  });
}
