// The workspace's tools in Debian Chromium against the real server: the search box (by name and by
// case number, keyboard only), spatial selection (draw a polygon, list the records inside, export CSV
// and GeoJSON), editing with the server's 400 on its field and a forced 412 (the record changed
// through the API between opening the form and saving) with the conflict dialog and re-apply, and the
// language switch over these tools.
import { randomInt } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_OUT_DIR, launchChromium } from '../helpers/chromium.js';
import type { TestUser } from '../helpers/accounts.js';
import { apiLogin, createDistrictOfficer, loginThroughForm, type ApiSession } from '../helpers/browser-login.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const OUT_DIR = BROWSER_OUT_DIR;
const IDLE_TIMEOUT_MS = 90_000;

type LngLat = [number, number];
type Json = Record<string, unknown> & { id: number; version: number };

describe('workspace tools in the browser', () => {
  let server: TestServer;
  let officer: TestUser;
  let session: ApiSession;
  /** A colleague who changes a record while the officer edits it. */
  let colleague: TestUser;
  let colleagueSession: ApiSession;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const serverErrors: string[] = [];
  const tag = randomInt(1e9);
  let center: LngLat;

  /** The API as the test officer (records land in its beats). */
  async function api<T = Json>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, as: ApiSession = session): Promise<T> {
    return as.request<T>(method, path, body, headers);
  }

  async function project(lngLat: LngLat): Promise<{ x: number; y: number }> {
    return page.evaluate((lngLat) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      const p = map.project(lngLat);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    }, lngLat);
  }

  async function waitStill(): Promise<void> {
    await page.waitForFunction(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return !map.isMoving();
    }, undefined, { timeout: 30_000 });
  }

  /** Types into the search box and moves with ArrowDown until this option is the active one, then Enter. */
  async function searchAndChoose(text: string, optionId: string): Promise<void> {
    await page.fill('#search-input', '');
    await page.focus('#search-input');
    await page.keyboard.type(text);
    await page.waitForSelector(`#${optionId}`, { timeout: 30_000 });
    expect(await page.getAttribute('#search-input', 'aria-expanded')).toBe('true');
    const count = await page.locator('#search-results [role="option"]').count();
    for (let i = 0; i < count; i++) {
      await page.keyboard.press('ArrowDown');
      if ((await page.getAttribute('#search-input', 'aria-activedescendant')) === optionId) break;
    }
    expect(await page.getAttribute('#search-input', 'aria-activedescendant')).toBe(optionId);
    expect(await page.getAttribute(`#${optionId}`, 'aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#search-input', 'aria-expanded')).toBe('false');
  }

  beforeAll(async () => {
    await mkdir(OUT_DIR, { recursive: true });
    server = await startTestServer();
    officer = await createDistrictOfficer(server.app);
    colleague = await createDistrictOfficer(server.app);
    session = await apiLogin(server.url, officer);
    colleagueSession = await apiLogin(server.url, colleague);
    const district = (await api('GET', '/api/tiles/district.json')) as unknown as { center: [number, number, number] };
    center = [district.center[0], district.center[1]];
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
    });
    await loginThroughForm(page, `${server.url}/#map=16/${center[1]}/${center[0]}`, officer);
    await page.waitForSelector('body[data-map-idle="1"]', { state: 'attached', timeout: IDLE_TIMEOUT_MS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds a person by name and opens the record from the keyboard', async () => {
    const name = `搜测${tag}`;
    const person = await api('POST', '/api/people', {
      name, gender: 'female', category: 'registered', geometry: { type: 'Point', coordinates: [center[0] + 0.001, center[1]] },
    });
    await searchAndChoose(name.slice(0, 4), `search-option-people-${person.id}`);
    await page.waitForSelector(`#record-panel[data-record="people/${person.id}"][data-kind="record"]`, { timeout: 30_000 });
    expect(await page.textContent('#record-panel-title')).toBe(name);
    expect(decodeURIComponent(await page.evaluate(() => window.location.hash))).toContain(`record=people/${person.id}`);
    // People are never drawn one by one: nothing is highlighted for a person.
    const highlighted = await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return map.querySourceFeatures('record-highlight').length;
    });
    expect(highlighted).toBe(0);
    await page.screenshot({ path: `${OUT_DIR}/tools-01-search-person.png` });
  });

  it('finds a case by its number, grouped under cases, and flies to it', async () => {
    const caseNo = `A3302${tag}`;
    const at: LngLat = [center[0] - 0.002, center[1] + 0.001];
    const kase = await api('POST', '/api/cases', {
      case_no: caseNo, code_system: 'GA240.1', code: '050100', occurred_from: '2026-11-01T08:00:00.000Z',
      reported_at: '2026-11-01T09:00:00.000Z', status: 'open', geometry: { type: 'Point', coordinates: at },
    });
    const optionId = `search-option-cases-${kase.id}`;
    await page.fill('#search-input', '');
    await page.focus('#search-input');
    await page.keyboard.type(caseNo);
    await page.waitForSelector(`#${optionId}`, { timeout: 30_000 });
    expect(await page.textContent('#search-results [role="group"][data-register="cases"] .search__group-title')).toBe('案件');
    expect(await page.getAttribute('#search-results [role="group"][data-register="cases"]', 'aria-labelledby')).toBe('search-group-cases');
    await page.screenshot({ path: `${OUT_DIR}/tools-02-search-results.png` });
    // Esc closes the list, ArrowDown re-opens it; Enter with the case active opens it.
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#search-results')).toBe(true);
    await searchAndChoose(caseNo, optionId);
    await page.waitForSelector(`#record-panel[data-record="cases/${kase.id}"][data-kind="record"]`, { timeout: 30_000 });
    expect(await page.textContent('#record-panel dd[data-field="case_no"]')).toBe(caseNo);
    await page.waitForFunction((at) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      const c = map.getCenter();
      return !map.isMoving() && Math.abs(c.lng - at[0]) < 1e-4 && Math.abs(c.lat - at[1]) < 1e-4;
    }, at, { timeout: 30_000 });
    const highlighted = await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return map.querySourceFeatures('record-highlight').map((f) => f.geometry.type);
    });
    expect(highlighted).toContain('Point');
    await page.screenshot({ path: `${OUT_DIR}/tools-03-search-case.png` });
    await page.keyboard.press('Escape');
  });

  it('adds the highlight only with a record to show: none on a plain load, the record\'s on a shared link', async () => {
    const kase = await api('POST', '/api/cases', {
      case_no: `L${tag}`, code_system: 'GA240.1', code: '050100', occurred_from: '2026-11-01T08:00:00.000Z',
      reported_at: '2026-11-01T09:00:00.000Z', status: 'open', geometry: { type: 'Point', coordinates: center },
    });
    const highlight = (p: Page) => p.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return { source: map.getSource('record-highlight') !== undefined, points: map.querySourceFeatures('record-highlight').map((f) => f.geometry.type) };
    });
    // A plain load: no highlight source (an empty one cost the first render repaints, workspace.ts).
    const plain = await page.context().newPage();
    plain.on('pageerror', (error) => pageErrors.push(error.message));
    await plain.goto(`${server.url}/#map=16/${center[1]}/${center[0]}`);
    await plain.waitForSelector('body[data-map-idle="1"]', { state: 'attached', timeout: IDLE_TIMEOUT_MS });
    expect(await highlight(plain)).toEqual({ source: false, points: [] });
    await plain.close();
    // A colleague's link to the case: the record opens as the map loads and is highlighted.
    const shared = await page.context().newPage();
    shared.on('pageerror', (error) => pageErrors.push(error.message));
    await shared.goto(`${server.url}/#map=16/${center[1]}/${center[0]}&record=cases/${kase.id}`);
    await shared.waitForSelector(`#record-panel[data-record="cases/${kase.id}"][data-kind="record"]`, { timeout: 30_000 });
    await shared.waitForFunction(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return map.querySourceFeatures('record-highlight').length > 0;
    }, undefined, { timeout: 30_000 });
    expect((await highlight(shared)).points).toContain('Point');
    await shared.close();
  });

  it('draws a polygon, lists the records inside per register and exports them as CSV and GeoJSON', async () => {
    const spot: LngLat = [center[0] + 0.004, center[1] - 0.003];
    await page.evaluate((spot) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      map.jumpTo({ center: spot, zoom: 17 });
    }, spot);
    await waitStill();
    const inside = await api('POST', '/api/hydrants', { code: `XF-SEL-${tag}`, kind: 'wall', status: 'faulty', geometry: { type: 'Point', coordinates: spot } });
    const shop = await api('POST', '/api/premises', {
      name: `选区饭店${tag}`, trade: 'catering', geometry: { type: 'Point', coordinates: [spot[0] + 0.0002, spot[1] + 0.0001] },
    });
    const outside = await api('POST', '/api/hydrants', {
      code: `XF-OUT-${tag}`, kind: 'wall', status: 'in_service', geometry: { type: 'Point', coordinates: [spot[0] + 0.003, spot[1]] },
    });

    await page.click('[data-selection-action="polygon"]');
    // terra-draw loads on the first drawing.
    await page.waitForSelector('[data-selection-action="polygon"][aria-pressed="true"]', { timeout: 30_000 });
    expect(await page.textContent('#selection-panel .selection-panel__status')).toContain('单击');
    const d = 0.0006;
    const corners: LngLat[] = [[spot[0] - d, spot[1] - d], [spot[0] + d, spot[1] - d], [spot[0] + d, spot[1] + d], [spot[0] - d, spot[1] + d]];
    for (const corner of corners) {
      const p = await project(corner);
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(150);
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('#selection-panel[data-state="result"]', { timeout: 30_000 });
    expect(await page.getAttribute('[data-selection-action="polygon"]', 'aria-pressed')).toBe('false');
    const listed = (register: string) => page.$$eval(`#selection-panel section[data-register="${register}"] button[data-action="open"]`,
      (buttons) => buttons.map((b) => Number((b as HTMLElement).dataset.id)));
    expect(await listed('hydrants')).toContain(inside.id);
    expect(await listed('hydrants')).not.toContain(outside.id);
    expect(await listed('premises')).toContain(shop.id);
    expect(await page.textContent('#selection-panel section[data-register="hydrants"] h3')).toContain('消防栓');
    // Drawing clicks did not open records.
    expect(await page.isHidden('#record-panel')).toBe(true);
    await page.screenshot({ path: `${OUT_DIR}/tools-04-selection.png` });

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#selection-panel [data-action="export-csv"]')]);
    expect(csvDownload.suggestedFilename()).toMatch(/^beat-atlas-selection-\d{8}-\d{4}\.csv$/);
    const csv = await readFile((await csvDownload.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('登记类别,编号,名称,')).toBe(true);
    expect(lines.some((line) => line.startsWith(`消防栓,${inside.id},XF-SEL-${tag},`) && line.includes('故障'))).toBe(true);
    expect(lines.some((line) => line.startsWith(`实有单位,${shop.id},选区饭店${tag},`) && line.includes('餐饮'))).toBe(true);
    expect(lines.some((line) => line.includes(`XF-OUT-${tag}`))).toBe(false);

    const [geoDownload] = await Promise.all([page.waitForEvent('download'), page.click('#selection-panel [data-action="export-geojson"]')]);
    const collection = JSON.parse(await readFile((await geoDownload.path())!, 'utf8')) as {
      type: string; features: Array<{ id: string; geometry: { type: string }; properties: Record<string, unknown> }>;
    };
    expect(collection.type).toBe('FeatureCollection');
    const feature = collection.features.find((f) => f.id === `hydrants/${inside.id}`)!;
    expect(feature.geometry.type).toBe('Point');
    expect(feature.properties).toMatchObject({ register: 'hydrants', id: inside.id, code: `XF-SEL-${tag}`, status: 'faulty' });

    // A listed record opens in the panel.
    await page.click(`#selection-panel button[data-register="premises"][data-id="${shop.id}"]`);
    await page.waitForSelector(`#record-panel[data-record="premises/${shop.id}"][data-kind="record"]`, { timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.click('[data-selection-action="clear"]');
    expect(await page.isHidden('#selection-panel')).toBe(true);
  });

  it('draws a circle and lists what lies inside it', async () => {
    const spot = await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      const c = map.getCenter();
      return [c.lng, c.lat] as [number, number];
    });
    const hydrant = await api('POST', '/api/hydrants', { code: `XF-CIR-${tag}`, kind: 'wall', status: 'in_service', geometry: { type: 'Point', coordinates: spot } });
    await page.click('[data-selection-action="circle"]');
    await page.waitForSelector('[data-selection-action="circle"][aria-pressed="true"]', { timeout: 30_000 });
    const middle = await project(spot);
    await page.mouse.click(middle.x, middle.y);
    await page.mouse.move(middle.x + 40, middle.y + 10, { steps: 5 });
    await page.mouse.move(middle.x + 80, middle.y, { steps: 5 });
    await page.mouse.click(middle.x + 80, middle.y);
    await page.waitForSelector('#selection-panel[data-state="result"]', { timeout: 30_000 });
    const listed = await page.$$eval('#selection-panel section[data-register="hydrants"] button[data-action="open"]',
      (buttons) => buttons.map((b) => Number((b as HTMLElement).dataset.id)));
    expect(listed).toContain(hydrant.id);
    await page.screenshot({ path: `${OUT_DIR}/tools-05-circle.png` });
    // Esc in the list closes it and returns to the toolbar.
    await page.focus('#selection-panel');
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#selection-panel')).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.selectionAction)).toBe('polygon');
  });

  it('selects the records in view from the keyboard, without drawing', async () => {
    const spot = await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      const c = map.getCenter();
      return [c.lng, c.lat] as [number, number];
    });
    const hydrant = await api('POST', '/api/hydrants', { code: `XF-VIEW-${tag}`, kind: 'wall', status: 'in_service', geometry: { type: 'Point', coordinates: spot } });
    await page.focus('[data-selection-action="view"]');
    expect(await page.getAttribute('[data-selection-action="view"]', 'aria-label')).toBe('选择当前视图内的记录');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#selection-panel[data-state="result"]', { timeout: 30_000 });
    // Focus moved to the list.
    expect(await page.evaluate(() => document.getElementById('selection-panel')!.contains(document.activeElement))).toBe(true);
    expect(await page.$$eval('#selection-panel section[data-register="hydrants"] button[data-action="open"]',
      (buttons) => buttons.map((b) => Number((b as HTMLElement).dataset.id)))).toContain(hydrant.id);
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#selection-panel')).toBe(true);
  });

  it('shows the server\'s 400 on the field it names', async () => {
    const shop = await api('POST', '/api/premises', {
      name: `校验饭店${tag}`, trade: 'catering', geometry: { type: 'Point', coordinates: center },
    });
    await page.evaluate((ref) => { window.location.hash = `map=16/${ref.lat}/${ref.lng}&record=premises/${ref.id}`; }, { id: shop.id, lng: center[0], lat: center[1] });
    await page.waitForSelector(`#record-panel[data-record="premises/${shop.id}"][data-kind="record"]`, { timeout: 30_000 });
    await page.click('.record-panel__edit');
    await page.waitForSelector('#record-panel .edit-form');
    await page.fill('#edit-phone', '12345');
    await page.click('.edit-form__save');
    await page.waitForSelector('.edit-field[data-field="phone"] .edit-field__error:not([hidden])', { timeout: 30_000 });
    expect(await page.textContent('.edit-field[data-field="phone"] .edit-field__error')).toContain('must be a mobile number');
    expect(await page.getAttribute('#edit-phone', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-phone');
    await page.screenshot({ path: `${OUT_DIR}/tools-06-edit-400.png` });
    // Esc leaves the form, back to the record.
    await page.keyboard.press('Escape');
    await page.waitForSelector(`#record-panel[data-record="premises/${shop.id}"][data-kind="record"]`, { timeout: 30_000 });
    expect((await api('GET', `/api/premises/${shop.id}`)).phone).toBeNull();
  });

  it('edits with a forced 412: the conflict dialog shows what changed and re-applies on the current version', async () => {
    const hydrant = await api('POST', '/api/hydrants', {
      code: `XF-EDIT-${tag}`, kind: 'wall', status: 'in_service', geometry: { type: 'Point', coordinates: center },
    });
    await page.evaluate((ref) => { window.location.hash = `map=16/${ref.lat}/${ref.lng}&record=hydrants/${ref.id}`; }, { id: hydrant.id, lng: center[0], lat: center[1] });
    await page.waitForSelector(`#record-panel[data-record="hydrants/${hydrant.id}"][data-kind="record"]`, { timeout: 30_000 });
    await page.click('.record-panel__edit');
    await page.waitForSelector('#record-panel .edit-form');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-code');
    expect(await page.inputValue('#edit-code')).toBe(`XF-EDIT-${tag}`);
    await page.selectOption('#edit-status', 'faulty');
    await page.fill('#edit-reason', '现场发现漏水');

    // A colleague changes the record meanwhile.
    await api('PATCH', `/api/hydrants/${hydrant.id}`, { code: `XF-EDIT-${tag}-B`, kind: 'underground' }, { 'if-match': '"1"' }, colleagueSession);

    await page.click('.edit-form__save');
    await page.waitForSelector('#conflict-dialog[open]', { timeout: 30_000 });
    expect(await page.textContent('#conflict-dialog .conflict-dialog__intro')).toContain(colleague.username);
    const row = (field: string) => page.textContent(`#conflict-dialog tr[data-field="${field}"]`);
    expect(await page.textContent('#conflict-dialog tr[data-field="code"] .conflict-dialog__theirs')).toBe(`XF-EDIT-${tag}-B`);
    expect(await page.textContent('#conflict-dialog tr[data-field="code"] .conflict-dialog__mine')).toBe('（未改动）');
    expect(await page.textContent('#conflict-dialog tr[data-field="kind"] .conflict-dialog__theirs')).toBe('地下式');
    expect(await page.textContent('#conflict-dialog tr[data-field="status"] .conflict-dialog__mine')).toBe('故障');
    expect(await page.textContent('#conflict-dialog tr[data-field="status"] .conflict-dialog__theirs')).toBe('完好');
    expect(await row('status')).not.toContain('双方');
    // The dialog is modal and has the focus.
    expect(await page.evaluate(() => document.getElementById('conflict-dialog')!.contains(document.activeElement))).toBe(true);
    await page.screenshot({ path: `${OUT_DIR}/tools-07-conflict.png` });

    await page.click('#conflict-dialog .conflict-dialog__reapply');
    await page.waitForSelector('#conflict-dialog', { state: 'detached' });
    await page.waitForSelector(`#record-panel[data-record="hydrants/${hydrant.id}"][data-kind="record"]`, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('#record-panel dd[data-field="status"]')?.textContent === '故障', undefined, { timeout: 30_000 });
    expect(await page.textContent('#record-panel dd[data-field="code"]')).toBe(`XF-EDIT-${tag}-B`);
    const saved = await api('GET', `/api/hydrants/${hydrant.id}`);
    expect(saved).toMatchObject({ version: 3, code: `XF-EDIT-${tag}-B`, kind: 'underground', status: 'faulty' });
    const history = await api<Array<{ version: number; reason: string | null; changes: Record<string, unknown> }>>('GET', `/api/hydrants/${hydrant.id}/history`);
    const mine = history.find((entry) => entry.version === 3)!;
    expect(Object.keys(mine.changes)).toEqual(['status']);
    expect(mine.reason).toBe('现场发现漏水');
    await page.screenshot({ path: `${OUT_DIR}/tools-08-reapplied.png` });
  });

  it('discards the officer\'s changes after a conflict when asked', async () => {
    const hydrant = await api('POST', '/api/hydrants', {
      code: `XF-DISC-${tag}`, kind: 'wall', status: 'in_service', geometry: { type: 'Point', coordinates: center },
    });
    await page.evaluate((ref) => { window.location.hash = `map=16/${ref.lat}/${ref.lng}&record=hydrants/${ref.id}`; }, { id: hydrant.id, lng: center[0], lat: center[1] });
    await page.waitForSelector(`#record-panel[data-record="hydrants/${hydrant.id}"][data-kind="record"]`, { timeout: 30_000 });
    await page.click('.record-panel__edit');
    await page.waitForSelector('#record-panel .edit-form');
    await page.selectOption('#edit-status', 'out_of_service');
    await api('PATCH', `/api/hydrants/${hydrant.id}`, { status: 'faulty' }, { 'if-match': '"1"' });
    await page.click('.edit-form__save');
    await page.waitForSelector('#conflict-dialog[open]', { timeout: 30_000 });
    expect(await page.getAttribute('#conflict-dialog tr[data-field="status"]', 'data-clash')).toBe('true');
    await page.click('#conflict-dialog .conflict-dialog__discard');
    await page.waitForFunction(() => document.querySelector('#record-panel dd[data-field="status"]')?.textContent === '故障', undefined, { timeout: 30_000 });
    expect(await api('GET', `/api/hydrants/${hydrant.id}`)).toMatchObject({ version: 2, status: 'faulty' });
  });

  it('switches the tools to English', async () => {
    await page.click('.record-panel__edit');
    await page.waitForSelector('#record-panel .edit-form');
    await page.click('button[data-lang="en"]');
    expect(await page.getAttribute('#search-input', 'placeholder')).toContain('Name, ID number');
    expect(await page.getAttribute('[data-selection-action="polygon"]', 'aria-label')).toBe('Draw a polygon');
    expect(await page.textContent('label[for="edit-status"]')).toContain('Status');
    expect(await page.textContent('#edit-status option[value="faulty"]')).toBe('Faulty');
    expect(await page.textContent('.edit-form__save')).toBe('Save');
    expect(await page.textContent('#record-panel-title')).toContain('Edit:');
    await page.fill('#search-input', '');
    await page.focus('#search-input');
    await page.keyboard.type(`XF-DISC-${tag}`);
    await page.waitForSelector('#search-results [data-register="hydrants"] .search__group-title');
    expect(await page.textContent('#search-results [data-register="hydrants"] .search__group-title')).toBe('Hydrants');
    await page.screenshot({ path: `${OUT_DIR}/tools-09-english.png` });
    await page.keyboard.press('Escape');
    await page.click('button[data-lang="zh"]');
    expect(await page.textContent('.edit-form__save')).toBe('保存');
    expect(await page.getAttribute('[data-selection-action="polygon"]', 'aria-label')).toBe('画多边形');
  });

  it('had no page errors and no server errors', () => {
    expect(pageErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
});
