import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response. The CSP allows only our own origin: MapLibre starts its worker
 * from a blob: URL (worker-src blob:) and draws images from data: and blob: URLs; the basemap, glyphs
 * and tiles all come from this server, so no remote origin is listed. Scripts and styles are 'self'
 * only, except that the API docs page (Swagger UI, /api/docs) injects a <style> element and gets
 * 'unsafe-inline' for styles (DOCS_CONTENT_SECURITY_POLICY). tests/browser/csp.test.ts loads both.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(self), payment=(), usb=()',
};

/** One year, once the request came over https (never on plain http, where it would be ignored anyway). */
const HSTS = 'max-age=31536000; includeSubDomains';

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const docs = path === '/api/docs' || path.startsWith('/api/docs/');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', docs ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    for (const [name, value] of Object.entries(HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
