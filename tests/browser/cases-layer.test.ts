// The cases layer at bench-like density in Debian Chromium against the real server: below z17 cases
// come as grid cells sized by count, the count in view adds up the cells, a time range in the layer
// list refetches the tiles with ?from=&to= (fewer cases), and a click on a cell zooms in.
import { mkdir } from 'node:fs/promises';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_OUT_DIR, launchChromium } from '../helpers/chromium.js';
import type { TestUser } from '../helpers/accounts.js';
import { apiLogin, createDistrictOfficer, loginThroughForm, type ApiSession } from '../helpers/browser-login.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const OUT_DIR = BROWSER_OUT_DIR;
const TIMEOUT_MS = 90_000;

describe('cases layer in the browser', () => {
  let server: TestServer;
  let officer: TestUser;
  let session: ApiSession;
  let browser: Browser;
  let page: Page;
  const tileQueries: string[] = [];
  const pageErrors: string[] = [];

  const countInView = () => page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-count-group="cases"]');
    const digits = (el && !el.hidden ? el.textContent ?? '' : '').replace(/[^0-9]/g, '');
    return digits === '' ? null : Number(digits);
  });
  const cells = () => page.evaluate(() => {
    const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
    return map.queryRenderedFeatures({ layers: ['cases-circle'] }).map((f) => ({ count: f.properties.count as number | undefined, at: (f.geometry as GeoJSON.Point).coordinates }));
  });
  const zoom = () => page.evaluate(() => (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas.map.getZoom());

  beforeAll(async () => {
    await mkdir(OUT_DIR, { recursive: true });
    server = await startTestServer();
    officer = await createDistrictOfficer(server.app);
    session = await apiLogin(server.url, officer);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/tiles/cases/')) tileQueries.push(url.search);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws cases as cells with counts, narrows them to a time range, and zooms into a clicked cell', async () => {
    const { items } = (await session.request('GET', '/api/cases?limit=1')) as unknown as { items: { geometry: { coordinates: [number, number] } }[] };
    const [lng, lat] = items[0]!.geometry.coordinates;
    await loginThroughForm(page, `${server.url}/#map=14/${lat}/${lng}`, officer);
    await page.waitForSelector('body[data-map-idle="1"]', { state: 'attached', timeout: TIMEOUT_MS });
    await page.locator('#layer-toggle-cases').check();
    await page.waitForFunction(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return map.queryRenderedFeatures({ layers: ['cases-circle'] }).length > 0;
    }, undefined, { timeout: TIMEOUT_MS, polling: 250 });
    const before = await cells();
    expect(before.every((cell) => typeof cell.count === 'number' && cell.count >= 1)).toBe(true);
    await page.waitForFunction(() => /[0-9]/.test(document.querySelector<HTMLElement>('[data-count-group="cases"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const total = await countInView();
    expect(total).toBeGreaterThanOrEqual(before.length); // cells stand for several cases
    await page.screenshot({ path: `${OUT_DIR}/cases-01-cells.png` });

    // Only a few months: the tiles are fetched again with the range, and fewer cases are in view.
    await page.fill('#layer-casesFrom', '2025-01-01');
    await page.dispatchEvent('#layer-casesFrom', 'change');
    const ranged = page.waitForRequest((request) => request.url().includes('/api/tiles/cases/') && request.url().endsWith('?from=2025-01-01&to=2025-03-31'), { timeout: TIMEOUT_MS });
    await page.fill('#layer-casesTo', '2025-03-31');
    await page.dispatchEvent('#layer-casesTo', 'change');
    await ranged;
    await page.waitForFunction((total) => {
      const el = document.querySelector<HTMLElement>('[data-count-group="cases"]');
      const n = Number((el?.textContent ?? '').replace(/[^0-9]/g, ''));
      return Number.isFinite(n) && n < (total as number);
    }, total, { timeout: TIMEOUT_MS, polling: 250 });
    expect(tileQueries.some((query) => query === '?from=2025-01-01&to=2025-03-31')).toBe(true);
    await page.screenshot({ path: `${OUT_DIR}/cases-02-range.png` });

    // A click on a cell zooms in by two levels instead of opening one case of it. The cell nearest
    // the map's centre: one at the edge may lie under a panel, which would take the click.
    const point = await page.evaluate((all) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      const rect = map.getCanvas().getBoundingClientRect();
      const centre = { x: rect.width / 2, y: rect.height / 2 };
      const projected = (all as { count?: number; at: [number, number] }[]).filter((c) => c.count !== undefined).map((c) => map.project(c.at));
      projected.sort((a, b) => Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y));
      return { x: rect.left + projected[0]!.x, y: rect.top + projected[0]!.y };
    }, await cells());
    const z0 = await zoom();
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction((z0) => (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas.map.getZoom() > (z0 as number) + 1.5, z0, { timeout: 30_000 });
    expect(await page.isHidden('#record-panel')).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
