// The built client in Debian Chromium against the real server and a seeded database: the base map
// renders streets and buildings with Chinese labels, loads nothing from outside the server, keeps the
// view in the URL hash, toggles layers from the keyboard and switches language.
import { mkdir } from 'node:fs/promises';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_OUT_DIR, launchChromium } from '../helpers/chromium.js';
import type { TestUser } from '../helpers/accounts.js';
import { apiLogin, createDistrictOfficer, loginThroughForm, type ApiSession } from '../helpers/browser-login.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const OUT_DIR = BROWSER_OUT_DIR;
const IDLE_TIMEOUT_MS = 90_000;
const HAN = /\p{Script=Han}/u;

interface RenderedFeature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

describe('base map in the browser', () => {
  let server: TestServer;
  let officer: TestUser;
  let session: ApiSession;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const consoleMessages: string[] = [];
  const serverErrors: string[] = [];
  /** Requests without a response yet (url → start time), to tell a hanging server from a stuck client. */
  const inFlight = new Map<object, { url: string; since: number }>();

  /** Runs a camera change in the page and resolves on the next map `idle`. */
  async function jumpAndIdle(view: { center: [number, number]; zoom: number }): Promise<void> {
    await page.evaluate(
      ({ view, timeoutMs }) =>
        new Promise<void>((resolve, reject) => {
          const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
          const timer = setTimeout(() => reject(new Error('map did not become idle')), timeoutMs);
          map.once('idle', () => {
            clearTimeout(timer);
            resolve();
          });
          map.jumpTo(view);
        }),
      { view, timeoutMs: IDLE_TIMEOUT_MS },
    );
  }

  async function rendered(layer: string): Promise<RenderedFeature[]> {
    return page.evaluate((layer) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return map
        .queryRenderedFeatures({ layers: [layer] })
        .map((f) => ({ properties: f.properties as Record<string, unknown>, geometry: f.geometry as RenderedFeature['geometry'] }));
    }, layer);
  }

  async function waitForFirstIdle(): Promise<void> {
    try {
      await page.waitForSelector('body[data-map-idle="1"]', { state: 'attached', timeout: IDLE_TIMEOUT_MS });
    } catch (error) {
      throw new Error(
        `map never became idle: ${(error as Error).message}\n` +
          `server errors: ${serverErrors.slice(-10).join('\n  ')}\n` +
          `requests still pending: ${[...inFlight.values()]
            .slice(0, 10)
            .map((r) => `${r.url} (${Math.round((Date.now() - r.since) / 1000)} s)`)
            .join('\n  ')}\n` +
          `console: ${consoleMessages.slice(-10).join('\n  ')}`,
      );
    }
  }

  beforeAll(async () => {
    await mkdir(OUT_DIR, { recursive: true });
    server = await startTestServer();
    officer = await createDistrictOfficer(server.app);
    session = await apiLogin(server.url, officer);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('request', (request) => {
      requests.push(request.url());
      inFlight.set(request, { url: request.url(), since: Date.now() });
    });
    page.on('requestfinished', (request) => inFlight.delete(request));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
    page.on('response', (response) => {
      if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      inFlight.delete(request);
      serverErrors.push(`failed ${request.failure()?.errorText ?? ''} ${request.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the map fitted to the district and reaches idle', async () => {
    await loginThroughForm(page, server.url, officer);
    await waitForFirstIdle();
    expect(await page.textContent('.brand__title')).toBe('社区警务e超市');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    // The view was fitted to the district bounds and written to the hash.
    const district = (await session.request('GET', '/api/tiles/district.json')) as unknown as { bounds: [number, number, number, number] };
    const center = await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return map.getCenter().toArray();
    });
    const [w, s, e, n] = district.bounds;
    expect(center[0]).toBeGreaterThan(w);
    expect(center[0]).toBeLessThan(e);
    expect(center[1]).toBeGreaterThan(s);
    expect(center[1]).toBeLessThan(n);
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^#map=\d+(\.\d+)?\/[-\d.]+\/[-\d.]+/);
    expect(await rendered('district-outline')).not.toHaveLength(0);
    await page.screenshot({ path: `${OUT_DIR}/01-overview.png` });
  });

  it('renders streets with Chinese names and buildings in a dense area', async () => {
    const district = (await session.request('GET', '/api/tiles/district.json')) as unknown as { center: [number, number, number] };
    const center: [number, number] = [district.center[0], district.center[1]];
    await jumpAndIdle({ center, zoom: 15 });
    if ((await rendered('buildings-fill')).length === 0) {
      // The district centre may be open space: find buildings nearby at a lower zoom and go there.
      await jumpAndIdle({ center, zoom: 13.5 });
      const buildings = await rendered('buildings-fill');
      expect(buildings.length, 'no buildings around the district centre at z13.5').toBeGreaterThan(0);
      const ring = (buildings[0]!.geometry.coordinates as number[][][])[0]!;
      await jumpAndIdle({ center: [ring[0]![0]!, ring[0]![1]!], zoom: 15 });
    }
    const streets = await rendered('streets-line');
    const buildings = await rendered('buildings-fill');
    expect(streets.length).toBeGreaterThan(0);
    expect(buildings.length).toBeGreaterThan(0);
    const names = streets.map((f) => f.properties.name).filter((n): n is string => typeof n === 'string');
    expect(names.some((n) => HAN.test(n)), `street names: ${names.slice(0, 10).join(', ')}`).toBe(true);
    // Labels actually placed, i.e. glyphs were produced locally.
    expect(await rendered('streets-label')).not.toHaveLength(0);
    await page.screenshot({ path: `${OUT_DIR}/02-dense-z15.png` });

    // Closer, on a building: its label (e.g. "3幢", digits drawn through the local-glyphs://
    // protocol, the ideograph by MapLibre) is placed.
    const labelled = buildings.find((b) => typeof b.properties.label === 'string' && b.properties.label !== '') ?? buildings[0]!;
    const ring = (labelled.geometry.type === 'MultiPolygon'
      ? (labelled.geometry.coordinates as number[][][][])[0]![0]!
      : (labelled.geometry.coordinates as number[][][])[0]!) as [number, number][];
    const centroid: [number, number] = [
      ring.reduce((sum, p) => sum + p[0], 0) / ring.length,
      ring.reduce((sum, p) => sum + p[1], 0) / ring.length,
    ];
    await jumpAndIdle({ center: centroid, zoom: 17.5 });
    await page.screenshot({ path: `${OUT_DIR}/03-detail-z17.png` });
    if (typeof labelled.properties.label === 'string' && labelled.properties.label !== '') {
      expect(await rendered('buildings-label')).not.toHaveLength(0);
    }
    expect(consoleMessages.filter((m) => /Unable to load glyph range/.test(m))).toEqual([]);
    await jumpAndIdle({ center: centroid, zoom: 15 });
  });

  it('toggles a layer group from the keyboard and keeps it in the hash', async () => {
    const visibility = () =>
      page.evaluate(() => {
        const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
        return map.getLayoutProperty('streets-line', 'visibility') ?? 'visible';
      });
    const checkbox = page.locator('#layer-toggle-streets');
    expect(await checkbox.isChecked()).toBe(true);
    await checkbox.focus();
    await page.keyboard.press('Space');
    expect(await checkbox.isChecked()).toBe(false);
    expect(await visibility()).toBe('none');
    const hash = await page.evaluate(() => window.location.hash);
    expect(hash).toContain('layers=admin,beats,buildings,addresses');
    await page.keyboard.press('Space');
    expect(await visibility()).toBe('visible');
    expect(await page.evaluate(() => window.location.hash)).not.toContain('layers=');
  });

  it('switches the interface to English and remembers it', async () => {
    await page.click('button[data-lang="en"]');
    expect(await page.textContent('.brand__title')).toBe('Beat Atlas');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('label[for="layer-toggle-streets"]')).toContain('Streets');
    expect(await page.getAttribute('button[data-lang="en"]', 'aria-pressed')).toBe('true');
    await page.screenshot({ path: `${OUT_DIR}/04-english.png` });

    // Reload: the language comes from localStorage, the view from the URL hash.
    const zoomBefore = await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return map.getZoom();
    });
    await page.reload();
    await waitForFirstIdle();
    expect(await page.textContent('.brand__title')).toBe('Beat Atlas');
    const zoomAfter = await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return map.getZoom();
    });
    expect(Math.abs(zoomAfter - zoomBefore)).toBeLessThan(0.05);

    await page.click('button[data-lang="zh"]');
    expect(await page.textContent('.brand__title')).toBe('社区警务e超市');
  });

  it('made no request outside the server', () => {
    const server_ = new URL(server.url);
    const foreign = requests.filter((raw) => {
      const url = new URL(raw);
      if (url.protocol === 'blob:' || url.protocol === 'data:' || url.protocol === 'local-glyphs:') return false;
      const localHost = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
      return !(localHost && url.port === server_.port && url.protocol === server_.protocol);
    });
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.some((u) => u.includes('/api/tiles/streets/'))).toBe(true);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('got no server errors for the API and tiles it asked for', () => {
    expect(serverErrors.filter((e) => /^5\d\d /.test(e))).toEqual([]);
  });
});
