import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DOCS_CONTENT_SECURITY_POLICY, registerSecurityHeaders } from './security-headers.js';

async function appWithHeaders() {
  const app = Fastify();
  registerSecurityHeaders(app);
  app.get('/x', async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('security headers', () => {
  it('sends the CSP and the other headers on every response, errors included', async () => {
    const app = await appWithHeaders();
    for (const url of ['/x', '/missing']) {
      const response = await app.inject(url);
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    await app.close();
  });

  it('allows inline styles on the API docs page only', async () => {
    const app = await appWithHeaders();
    expect((await app.inject('/api/docs/static/index.html')).headers['content-security-policy']).toBe(DOCS_CONTENT_SECURITY_POLICY);
    expect((await app.inject('/api/docsx')).headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(DOCS_CONTENT_SECURITY_POLICY).toContain("style-src 'self' 'unsafe-inline'");
    await app.close();
  });

  it('lets MapLibre run (blob: worker, data:/blob: images) and names no remote origin', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['worker-src']).toContain('blob:');
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});
