// The Content-Security-Policy and the other security headers (server/http/security-headers.ts) with
// the real client: the map (MapLibre's blob: worker, data:/blob: images) and the API docs page load
// without a single CSP violation.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import type { TestUser } from '../helpers/accounts.js';
import { createDistrictOfficer, fillLoginForm } from '../helpers/browser-login.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';


describe('security headers in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    officer = await createDistrictOfficer(server.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openWatched(path: string): Promise<{ page: Page; violations: () => Promise<string[]>; console: string[]; csp: string | undefined }> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(server.url + path);
    return {
      page, console, csp: response?.headers()['content-security-policy'],
      violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    };
  }

  it('renders the login screen and then the map with the CSP in force and no violation', async () => {
    const { page, violations, console, csp } = await openWatched('/');
    expect(csp).toContain("worker-src 'self' blob:");
    await fillLoginForm(page, officer);
    await page.waitForSelector('body[data-map-idle="1"]', { state: 'attached', timeout: 90_000 });
    expect(await violations()).toEqual([]);
    expect(console.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
  });

  it('shows the API docs page with no violation', async () => {
    const { page, violations, console } = await openWatched('/api/docs');
    await page.waitForSelector('.swagger-ui .info', { timeout: 60_000 });
    expect(await violations()).toEqual([]);
    expect(console.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
  });
});
