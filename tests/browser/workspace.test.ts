// The map workspace in Debian Chromium against the real server: register layer groups in the layer
// list, a click on a feature opens its record in the side panel (fields, freshness, history, links),
// verification in one click, following a link, back/forward between records via the URL hash, and
// the panel in English.
import { randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_OUT_DIR, launchChromium } from '../helpers/chromium.js';
import type { TestUser } from '../helpers/accounts.js';
import { apiLogin, createDistrictOfficer, loginThroughForm, type ApiSession } from '../helpers/browser-login.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const OUT_DIR = BROWSER_OUT_DIR;
const IDLE_TIMEOUT_MS = 90_000;

type LngLat = [number, number];

describe('map workspace in the browser', () => {
  let server: TestServer;
  let officer: TestUser;
  let session: ApiSession;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const serverErrors: string[] = [];
  const consoleMessages: string[] = [];

  let center: LngLat;
  let hydrantAt: LngLat;
  let premisesAt: LngLat;
  let inspectionAt: LngLat;
  let hydrant: { id: number; code: string };
  let premises: { id: number; name: string };
  let inspection: { id: number };

  /** Records are made through the API as the test officer (so they are in its beats and its history). */
  async function post<T>(path: string, body: unknown): Promise<T> {
    return session.request<T>('POST', path, body);
  }

  async function waitIdle(action: string): Promise<void> {
    await page.evaluate(
      ({ action, timeoutMs }) =>
        new Promise<void>((resolve, reject) => {
          const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
          const timer = setTimeout(() => reject(new Error(`map did not become idle after ${action}`)), timeoutMs);
          map.once('idle', () => {
            clearTimeout(timer);
            resolve();
          });
          map.triggerRepaint();
        }),
      { action, timeoutMs: IDLE_TIMEOUT_MS },
    );
  }

  async function renderedIds(layer: string): Promise<number[]> {
    return page.evaluate((layer) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      if (!map.getLayer(layer)) return [];
      return map.queryRenderedFeatures({ layers: [layer] }).map((f) => Number(f.id));
    }, layer);
  }

  /** Waits until a feature with this id is rendered in the layer. */
  async function waitForFeature(layer: string, id: number): Promise<void> {
    await page.waitForFunction(
      ({ layer, id }) => {
        const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
        return !!map.getLayer(layer) && map.queryRenderedFeatures({ layers: [layer] }).some((f) => Number(f.id) === id);
      },
      { layer, id },
      { timeout: IDLE_TIMEOUT_MS, polling: 250 },
    );
  }

  /** Clicks the map canvas where a coordinate is drawn. */
  async function clickAt(lngLat: LngLat): Promise<void> {
    const point = await page.evaluate((lngLat) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      const p = map.project(lngLat);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    }, lngLat);
    await page.mouse.click(point.x, point.y);
  }

  const hash = () => page.evaluate(() => decodeURIComponent(window.location.hash));

  beforeAll(async () => {
    await mkdir(OUT_DIR, { recursive: true });
    server = await startTestServer();
    officer = await createDistrictOfficer(server.app);
    session = await apiLogin(server.url, officer);

    // Records to look at, near the district centre (the test data may have none of these registers).
    const district = (await session.request('GET', '/api/tiles/district.json')) as unknown as { center: [number, number, number] };
    center = [district.center[0], district.center[1]];
    hydrantAt = center;
    premisesAt = [center[0], center[1] - 0.0007];
    inspectionAt = [center[0] + 0.0008, center[1]];
    const tag = randomInt(1e9);
    hydrant = await post('/api/hydrants', {
      code: `XF-${tag}`, kind: 'underground', status: 'in_service', geometry: { type: 'Point', coordinates: hydrantAt },
    });
    premises = await post('/api/premises', {
      name: `测试饭店${tag}`, trade: 'catering', geometry: { type: 'Point', coordinates: premisesAt },
    });
    inspection = await post('/api/inspections', {
      premises_id: premises.id, inspected_on: '2026-01-05', inspector: '王警官', kind: 'fire', status: 'passed',
      geometry: { type: 'Point', coordinates: inspectionAt },
    });

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
    page.on('response', (response) => {
      if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the fire group on demand with its hydrants, legend and count in view', async () => {
    await loginThroughForm(page, `${server.url}/#map=16.5/${hydrantAt[1]}/${hydrantAt[0]}`, officer);
    await page.waitForSelector('body[data-map-idle="1"]', { state: 'attached', timeout: IDLE_TIMEOUT_MS });
    const visibility = () =>
      page.evaluate(() => {
        const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
        return map.getLayoutProperty('hydrants-circle', 'visibility');
      });
    // Register groups are off by default.
    expect(await visibility()).toBe('none');
    const fire = page.locator('#layer-toggle-fire');
    expect(await fire.isChecked()).toBe(false);
    expect(await page.textContent('label[for="layer-toggle-fire"]')).toContain('消防');

    await fire.focus();
    await page.keyboard.press('Space');
    expect(await visibility()).toBe('visible');
    await waitForFeature('hydrants-circle', hydrant.id);
    expect(await renderedIds('hydrants-circle')).toContain(hydrant.id);
    expect(await hash()).toContain('fire');
    // The legend and a count of features in view (after idle).
    expect(await page.isVisible('.layer-list__item--fire .layer-list__legend')).toBe(true);
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement>('[data-count-group="fire"]');
      return !!el && !el.hidden && /[1-9]/.test(el.textContent ?? '');
    }, undefined, { timeout: 30_000 });
    await page.screenshot({ path: `${OUT_DIR}/workspace-01-fire-group.png` });
  });

  it('opens a hydrant in the side panel: code, provenance, history and links; Esc closes', async () => {
    await clickAt(hydrantAt);
    const panel = page.locator('#record-panel');
    await page.waitForSelector(`#record-panel[data-record="hydrants/${hydrant.id}"]`, { timeout: 30_000 });
    expect(await panel.isVisible()).toBe(true);
    expect(await page.textContent('#record-panel-title')).toBe(hydrant.code);
    expect(await page.textContent('#record-panel dd[data-field="code"]')).toBe(hydrant.code);
    expect(await page.textContent('#record-panel dt[data-field="code"]')).toBe('编码');
    expect(await page.textContent('#record-panel dd[data-field="collected_by"]')).toBe(officer.username);
    expect(await page.getAttribute('.freshness-badge', 'data-state')).toBe('never');
    expect(await page.locator('#record-panel [data-history-action="create"]').count()).toBe(1);
    expect(await page.textContent('#record-panel .record-panel__section--history')).toContain(officer.username);
    expect(await page.isVisible('#record-panel .record-panel__section--links')).toBe(true);
    // Focus moved into the panel; the record is in the hash.
    expect(await page.evaluate(() => document.getElementById('record-panel')!.contains(document.activeElement))).toBe(true);
    expect(await hash()).toContain(`record=hydrants/${hydrant.id}`);
    await page.screenshot({ path: `${OUT_DIR}/workspace-02-hydrant.png` });

    await page.keyboard.press('Escape');
    expect(await panel.isHidden()).toBe(true);
    expect(await hash()).not.toContain('record=');
    // Back re-opens it.
    await page.evaluate(() => window.history.back());
    await page.waitForSelector(`#record-panel[data-record="hydrants/${hydrant.id}"]`, { timeout: 30_000 });
  });

  it('verifies the hydrant in one click: the badge turns fresh and the history shows it', async () => {
    await page.waitForSelector('.freshness-badge[data-state="never"]');
    await page.click('.record-panel__verify');
    await page.waitForSelector('.freshness-badge[data-state="fresh"]', { timeout: 30_000 });
    expect(await page.locator('#record-panel [data-history-action="verify"]').count()).toBe(1);
    expect(await page.textContent('#record-panel dd[data-field="verified_how"]')).toBe('实地核查');
    const record = (await session.request('GET', `/api/hydrants/${hydrant.id}`)) as unknown as { verified_how: string | null };
    expect(record.verified_how).toBe('field_visit');
    await page.screenshot({ path: `${OUT_DIR}/workspace-03-verified.png` });
  });

  it('follows a link from an inspection to its premises, and back returns to the inspection', async () => {
    await page.check('#layer-toggle-premises');
    await waitForFeature('inspections-circle', inspection.id);
    await clickAt(inspectionAt);
    await page.waitForSelector(`#record-panel[data-record="inspections/${inspection.id}"]`, { timeout: 30_000 });
    expect(await page.textContent('#record-panel dd[data-field="inspector"]')).toBe('王警官');
    const link = page.locator(`#record-panel button.record-panel__link[data-register="premises"][data-id="${premises.id}"]`);
    expect(await link.textContent()).toContain(premises.name);
    await page.screenshot({ path: `${OUT_DIR}/workspace-04-inspection.png` });

    await link.click();
    await page.waitForSelector(`#record-panel[data-record="premises/${premises.id}"]`, { timeout: 30_000 });
    expect(await page.textContent('#record-panel-title')).toBe(premises.name);
    // The map flew to the premises and kept the record in the hash.
    await page.waitForFunction(
      (at) => {
        const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
        const c = map.getCenter();
        return !map.isMoving() && Math.abs(c.lng - at[0]) < 1e-4 && Math.abs(c.lat - at[1]) < 1e-4;
      },
      premisesAt,
      { timeout: 30_000 },
    );
    await page.waitForFunction((id) => decodeURIComponent(window.location.hash).includes(`record=premises/${id}`), premises.id);
    // The premises links back to its inspection.
    expect(await page.locator(`#record-panel button[data-register="inspections"][data-id="${inspection.id}"]`).count()).toBe(1);
    await waitIdle('flying to the premises');
    await page.screenshot({ path: `${OUT_DIR}/workspace-05-premises.png` });

    await page.evaluate(() => window.history.back());
    await page.waitForSelector(`#record-panel[data-record="inspections/${inspection.id}"]`, { timeout: 30_000 });
    expect(await hash()).toContain(`record=inspections/${inspection.id}`);
    await page.evaluate(() => window.history.forward());
    await page.waitForSelector(`#record-panel[data-record="premises/${premises.id}"]`, { timeout: 30_000 });
    await page.evaluate(() => window.history.back());
    await page.waitForSelector(`#record-panel[data-record="inspections/${inspection.id}"]`, { timeout: 30_000 });
  });

  it('reopens the record from the URL on reload', async () => {
    await page.reload();
    await page.waitForSelector(`#record-panel[data-record="inspections/${inspection.id}"]`, { timeout: IDLE_TIMEOUT_MS });
    expect(await page.isChecked('#layer-toggle-premises')).toBe(true);
    expect(await page.isChecked('#layer-toggle-fire')).toBe(true);
  });

  it('switches the panel labels to English', async () => {
    expect(await page.textContent('#record-panel dt[data-field="inspector"]')).toBe('检查人');
    await page.click('button[data-lang="en"]');
    expect(await page.textContent('#record-panel dt[data-field="inspector"]')).toBe('Inspector');
    expect(await page.textContent('#record-panel .record-panel__section--history h3')).toBe('History');
    expect(await page.textContent('.record-panel__verify')).toBe('Checked today, in person');
    expect(await page.getAttribute('.record-panel__close', 'aria-label')).toBe('Close');
    expect(await page.textContent('label[for="layer-toggle-fire"]')).toContain('Fire safety');
    await page.screenshot({ path: `${OUT_DIR}/workspace-06-english.png` });
    await page.click('button[data-lang="zh"]');
    expect(await page.textContent('#record-panel dt[data-field="inspector"]')).toBe('检查人');
  });

  it('shows a building of the people layer with its counts and residents', async () => {
    await page.keyboard.press('Escape');
    // Find a building-level address in a dense area and put a resident there.
    await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      map.jumpTo({ zoom: 13.5 });
    });
    await waitIdle('zooming out');
    const building = await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      const [f] = map.queryRenderedFeatures({ layers: ['buildings-fill'] });
      if (!f) return null;
      const g = f.geometry as { type: string; coordinates: unknown };
      const ring = (g.type === 'MultiPolygon' ? (g.coordinates as number[][][][])[0]![0]! : (g.coordinates as number[][][])[0]!) as [number, number][];
      return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length] as [number, number];
    });
    expect(building, 'no buildings around the district centre').not.toBeNull();
    await page.evaluate((center) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      map.jumpTo({ center, zoom: 17.5 });
    }, building!);
    await waitIdle('zooming in on a building');
    const address = await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      const features = map.queryRenderedFeatures({ layers: ['addresses-circle'] });
      const f = features.find((x) => x.properties.level === 'unit') ?? features.find((x) => x.properties.level === 'building');
      return f ? { id: Number(f.id), at: (f.geometry as unknown as { coordinates: [number, number] }).coordinates } : null;
    });
    expect(address, 'no unit or building address in view').not.toBeNull();
    const name = `测试居民${randomInt(1e6)}`;
    await post('/api/people', { name, gender: 'female', category: 'floating', address_id: address!.id });

    await page.check('#layer-toggle-population');
    await page.evaluate((at) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      map.jumpTo({ center: at, zoom: 17.5 });
    }, address!.at);
    await page.waitForFunction(
      (at) => {
        const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
        return map.queryRenderedFeatures(map.project(at), { layers: ['people-fill'] }).length > 0;
      },
      address!.at,
      { timeout: IDLE_TIMEOUT_MS, polling: 250 },
    );
    await clickAt(address!.at);
    await page.waitForSelector('#record-panel[data-kind="building"]', { timeout: 30_000 });
    expect(Number(await page.textContent('#record-panel dd[data-field="people"]'))).toBeGreaterThanOrEqual(1);
    expect(Number(await page.textContent('#record-panel dd[data-field="floating"]'))).toBeGreaterThanOrEqual(1);
    await page.waitForSelector('#record-panel .record-panel__section--residents .record-panel__link', { timeout: 30_000 });
    expect(await page.textContent('#record-panel .record-panel__section--residents')).toContain(name);
    await page.screenshot({ path: `${OUT_DIR}/workspace-07-building.png` });
  });

  it('switches cases between points and a heatmap', async () => {
    const visibility = () =>
      page.evaluate(() => {
        const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
        return [map.getLayoutProperty('cases-circle', 'visibility'), map.getLayoutProperty('cases-heatmap', 'visibility')];
      });
    expect(await page.isVisible('#layer-heatmap-cases')).toBe(false); // only while the group is shown
    await page.check('#layer-toggle-cases');
    expect(await visibility()).toEqual(['visible', 'none']);
    await page.check('#layer-heatmap-cases');
    expect(await visibility()).toEqual(['none', 'visible']);
    await page.uncheck('#layer-toggle-cases');
    expect(await visibility()).toEqual(['none', 'none']);
    await page.check('#layer-toggle-cases');
    expect(await visibility()).toEqual(['none', 'visible']);
    await page.uncheck('#layer-heatmap-cases');
    expect(await visibility()).toEqual(['visible', 'none']);
  });

  it('had no page errors and no server errors', () => {
    expect(pageErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
});
