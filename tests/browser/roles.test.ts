// Accounts and roles in Debian Chromium against the real server: the login form comes first and the
// map is not even asked for before a session; a wrong password is shown on the form; each role sees
// only what it may (community officer: masked personal data and Reveal with purpose and reason;
// handover officer; commander logging in with a TOTP code through the form; analyst: cases only;
// auditor and admin: the base map and a note, and the API refuses them register data); the edit form
// never sends a masked value back; logout and an expired session return to the login screen.
import { randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../helpers/accounts.js';
import { apiLogin, districtBeats, fillLoginForm, loginThroughForm, type ApiSession } from '../helpers/browser-login.js';
import { BROWSER_OUT_DIR, launchChromium } from '../helpers/chromium.js';
import { syntheticIdNumber } from '../helpers/register-fixtures.js';
import { base32Decode, totpAt } from '../../server/auth/totp.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const OUT_DIR = BROWSER_OUT_DIR;
const IDLE_TIMEOUT_MS = 90_000;

type LngLat = [number, number];

describe('accounts and roles in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const serverErrors: string[] = [];

  let officer: TestUser;
  let officerApi: ApiSession;
  let center: LngLat;
  let person: { id: number; id_number: string; phone: string; name: string };
  let kase: { id: number };
  let stationId: number | null;
  let beatIds: number[];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
    });
    return page;
  }

  const waitIdle = (page: Page) => page.waitForSelector('body[data-map-idle="1"]', { state: 'attached', timeout: IDLE_TIMEOUT_MS });
  const recordUrl = (register: string, id: number) => `${server.url}/#map=17/${center[1]}/${center[0]}&record=${register}/${id}`;
  const listedGroups = (page: Page) => page.$$eval('.layer-list input.layer-list__checkbox', (inputs) => inputs.map((i) => (i as HTMLInputElement).dataset.group));
  /** What the page's own fetch gets for an API path (with the page's session cookie). */
  const statusFromPage = (page: Page, path: string) => page.evaluate(async (path) => (await fetch(path)).status, path);

  beforeAll(async () => {
    await mkdir(OUT_DIR, { recursive: true });
    server = await startTestServer();
    ({ beatIds, stationId } = await districtBeats(server.app));
    officer = await createTestUser(server.app, 'community_officer', { beatIds, stationId });
    officerApi = await apiLogin(server.url, officer);
    const district = (await officerApi.request('GET', '/api/tiles/district.json')) as unknown as { center: [number, number, number] };
    center = [district.center[0], district.center[1]];
    const idNumber = syntheticIdNumber();
    const created = await officerApi.request<{ id: number }>('POST', '/api/people', {
      name: `角色测试${randomInt(1e6)}`, gender: 'male', category: 'registered', id_number: idNumber, phone: '13812345678',
      geometry: { type: 'Point', coordinates: [center[0] + 0.0005, center[1]] },
    });
    const row = await server.app.database.pool.query<{ name: string }>('SELECT name FROM people WHERE id = $1', [created.id]);
    person = { id: created.id, id_number: idNumber, phone: '13812345678', name: row.rows[0]!.name };
    kase = await officerApi.request<{ id: number }>('POST', '/api/cases', {
      case_no: `A3302R${randomInt(1e9)}`, code_system: 'GA240.1', code: '050100', occurred_from: '2026-11-01T08:00:00.000Z',
      reported_at: '2026-11-01T09:00:00.000Z', status: 'open', geometry: { type: 'Point', coordinates: [center[0] - 0.0005, center[1]] },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('shows the login form first and asks for no map data before a session', async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(server.url);
    await page.waitForSelector('#login-screen form');
    expect(await page.textContent('#login-screen-title')).toBe('登录');
    expect(await page.textContent('label[for="login-username"]')).toBe('用户名');
    expect(await page.isHidden('#login-totp')).toBe(true);
    expect(requests.filter((path) => path.startsWith('/api/tiles'))).toEqual([]);
    expect(requests).toContain('/api/auth/me');
    expect(await page.evaluate(() => 'maplibregl' in window || !!(window as { __beatAtlas?: unknown }).__beatAtlas)).toBe(false);
    // Without a session the API refuses register data.
    expect(await statusFromPage(page, '/api/people')).toBe(401);
    await page.click('button[data-lang="en"]');
    expect(await page.textContent('#login-screen-title')).toBe('Log in');
    await page.click('button[data-lang="zh"]');
    await page.screenshot({ path: `${OUT_DIR}/roles-01-login.png` });
  });

  it('shows a wrong password on the form, and an empty field on that field', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.waitForSelector('#login-screen form');
    await page.click('#login-screen .auth-form__submit');
    expect(await page.textContent('#login-username-error')).toBe('请填写此项');
    expect(await page.getAttribute('#login-username', 'aria-invalid')).toBe('true');
    await page.fill('#login-username', officer.username);
    await page.fill('#login-password', 'not the password');
    await page.click('#login-screen .auth-form__submit');
    await page.waitForSelector('#login-screen .auth-form__message:not([hidden])', { timeout: 30_000 });
    expect(await page.textContent('#login-screen .auth-form__message')).toContain('用户名或密码错误');
    expect(await page.getAttribute('#login-password', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    expect(await page.isVisible('#login-screen')).toBe(true);
    await page.screenshot({ path: `${OUT_DIR}/roles-02-wrong-password.png` });
  });

  it('community officer: register layers, a masked ID number, and the full one after Reveal with purpose and reason', async () => {
    const page = await newPage();
    await loginThroughForm(page, recordUrl('people', person.id), officer);
    expect(await page.textContent('.user-menu__role')).toBe('社区民警');
    expect(await page.textContent('.user-menu__name')).toBe('Test community_officer');
    await page.waitForSelector(`#record-panel[data-record="people/${person.id}"][data-kind="record"]`, { timeout: 30_000 });
    expect(await listedGroups(page)).toEqual(expect.arrayContaining(['population', 'premises', 'resources', 'fire', 'patrol', 'cases']));

    const idValue = '#record-panel dd[data-field="id_number"] .record-panel__value';
    const shown = await page.textContent(idValue);
    expect(shown).toMatch(/^\d{6}\*+[0-9X]{4}$/);
    expect(shown).not.toBe(person.id_number);
    expect(await page.textContent('#record-panel dd[data-field="id_number"] .field-mark--masked')).toBe('已隐藏');
    expect(await page.textContent('#record-panel dd[data-field="phone"] .record-panel__value')).toBe('138****5678');
    expect(await page.isVisible('.record-panel__edit')).toBe(true);
    await page.screenshot({ path: `${OUT_DIR}/roles-03-officer-masked.png` });

    await page.click('.record-panel__reveal');
    await page.waitForSelector('#reveal-purpose');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reveal-purpose');
    // The rule is checked on the fields first.
    await page.click('.reveal-form__submit');
    expect(await page.textContent('#reveal-purpose-error')).toContain('2–200');
    await page.fill('#reveal-purpose', '入户走访核实');
    await page.fill('#reveal-reason', '核对居民身份证信息');
    await page.click('.reveal-form__submit');
    await page.waitForSelector('#record-panel dd[data-field="id_number"][data-revealed="1"]', { timeout: 30_000 });
    expect(await page.textContent(idValue)).toBe(person.id_number);
    expect(await page.textContent('#record-panel dd[data-field="phone"] .record-panel__value')).toBe(person.phone);
    expect(await page.isVisible('.record-panel__reveal')).toBe(false);
    // Kept in memory only: not in the URL, not in storage.
    const leaks = await page.evaluate((secret) => [
      window.location.href, JSON.stringify({ ...window.localStorage }), JSON.stringify({ ...window.sessionStorage }),
    ].filter((text) => text.includes(secret)), person.id_number);
    expect(leaks).toEqual([]);
    await page.screenshot({ path: `${OUT_DIR}/roles-04-officer-revealed.png` });

    // Edit: masked fields start empty and are never sent back; only the changed field goes.
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.postData() ?? '');
    });
    await page.click('.record-panel__edit');
    await page.waitForSelector('#record-panel .edit-form');
    expect(await page.inputValue('#edit-id_number')).toBe('');
    expect(await page.inputValue('#edit-phone')).toBe('');
    expect(await page.getAttribute('.edit-field[data-field="id_number"]', 'data-masked')).toBe('1');
    await page.fill('#edit-name', `${person.name}改`);
    await page.click('.edit-form__save');
    await page.waitForSelector(`#record-panel[data-record="people/${person.id}"][data-kind="record"]`, { timeout: 30_000 });
    expect(patches).toHaveLength(1);
    expect(Object.keys(JSON.parse(patches[0]!) as object)).toEqual(['name']);
    const stored = await server.app.database.pool.query<{ id_number: string; phone: string }>('SELECT id_number, phone FROM people WHERE id = $1', [person.id]);
    expect(stored.rows[0]).toEqual({ id_number: person.id_number, phone: person.phone });
  });

  it('logout returns to the login screen and ends the session', async () => {
    const page = await newPage();
    await loginThroughForm(page, server.url, officer);
    await waitIdle(page);
    await page.click('.user-menu__logout');
    await page.waitForSelector('#login-screen form', { timeout: 30_000 });
    expect(await page.textContent('#login-screen .auth-card__notice')).toBe('您已退出登录。');
    expect(await page.locator('.user-menu').count()).toBe(0);
    expect(await page.locator('.layer-list').count()).toBe(0);
    expect(await page.evaluate(() => !!(window as { __beatAtlas?: unknown }).__beatAtlas)).toBe(false);
    expect(await statusFromPage(page, '/api/people')).toBe(401);
    await page.screenshot({ path: `${OUT_DIR}/roles-05-logged-out.png` });
  });

  it('an expired session returns to the login screen once, with a message, and a new login restores the workspace', async () => {
    const page = await newPage();
    await loginThroughForm(page, recordUrl('cases', kase.id), officer);
    await page.waitForSelector(`#record-panel[data-record="cases/${kase.id}"][data-kind="record"]`, { timeout: 30_000 });
    // End the browser's session behind its back (as an idle timeout would).
    const cookie = (await page.context().cookies()).find((c) => c.name === 'beat_atlas_session')!;
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const out = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(204);
    // The next API call answers 401.
    await page.evaluate((id) => {
      const panel = (window as unknown as { __beatAtlas: { panel: { openRecord(ref: unknown): Promise<unknown> } } }).__beatAtlas.panel;
      void panel.openRecord({ register: 'cases', id });
      void panel.openRecord({ register: 'cases', id });
    }, kase.id);
    await page.waitForSelector('#login-screen form', { timeout: 30_000 });
    expect(await page.textContent('#login-screen .auth-card__notice')).toBe('会话已过期，请重新登录');
    expect(await page.locator('#login-screen').count()).toBe(1);
    await page.screenshot({ path: `${OUT_DIR}/roles-06-expired.png` });
    await page.click('button[data-lang="en"]');
    expect(await page.textContent('#login-screen .auth-card__notice')).toBe('Session expired, please log in again');
    await page.click('button[data-lang="zh"]');
    await fillLoginForm(page, officer);
    await page.waitForSelector(`#record-panel[data-record="cases/${kase.id}"][data-kind="record"]`, { timeout: 30_000 });
    expect(await page.locator('#layer-toggle-cases').count()).toBe(1);
  });

  it('handover officer: register layers and the search box', async () => {
    const handover = await createTestUser(server.app, 'handover_officer', {
      stationId, beatIds: beatIds.slice(0, 1), handoverBeatIds: beatIds.slice(1, 2),
    });
    const page = await newPage();
    await loginThroughForm(page, server.url, handover);
    await waitIdle(page);
    expect(await page.textContent('.user-menu__role')).toBe('接手民警');
    expect(await listedGroups(page)).toEqual(expect.arrayContaining(['population', 'cases']));
    expect(await page.isVisible('#search-input')).toBe(true);
    await page.screenshot({ path: `${OUT_DIR}/roles-07-handover.png` });
  });

  it('commander: logs in with a TOTP code through the form, reads and reveals but cannot edit', async () => {
    const { rows } = await server.app.database.pool.query<{ station_id: number }>(
      'SELECT b.station_id FROM people p JOIN beats b ON b.id = p.beat_id WHERE p.id = $1', [person.id]);
    const commander = await createTestUser(server.app, 'commander', { stationId: rows[0]?.station_id ?? stationId });
    expect(commander.totpSecret).not.toBeNull();
    const page = await newPage();
    await page.goto(recordUrl('people', person.id));
    await page.waitForSelector('#login-screen form');
    await page.fill('#login-username', commander.username);
    await page.fill('#login-password', commander.password);
    await page.click('#login-screen .auth-form__submit');
    // The server asks for the second factor: the code field appears with the message on it.
    await page.waitForSelector('#login-totp', { state: 'visible', timeout: 30_000 });
    expect(await page.textContent('#login-totp-error')).toContain('动态验证码');
    await page.screenshot({ path: `${OUT_DIR}/roles-08-commander-totp.png` });
    await fillLoginForm(page, commander);
    expect(await page.textContent('.user-menu__role')).toBe('指挥员');
    await page.waitForSelector(`#record-panel[data-record="people/${person.id}"][data-kind="record"]`, { timeout: 30_000 });
    expect(await page.locator('.record-panel__edit').count()).toBe(0);
    expect(await page.locator('.record-panel__verify').count()).toBe(0);
    expect(await page.isVisible('.record-panel__reveal')).toBe(true);
    expect(await page.textContent('#record-panel dd[data-field="id_number"] .record-panel__value')).toMatch(/\*/);
    await page.screenshot({ path: `${OUT_DIR}/roles-09-commander.png` });
  });

  it('commander without a second factor: enrols TOTP (key shown as text), confirms a code and gets the workspace', async () => {
    const commander = await createTestUser(server.app, 'commander', { stationId, totp: false });
    const page = await newPage();
    await page.goto(server.url);
    await page.waitForSelector('#login-screen form');
    await page.fill('#login-username', commander.username);
    await page.fill('#login-password', commander.password);
    await page.click('#login-screen .auth-form__submit');
    await page.waitForSelector('#enrol-screen', { timeout: 30_000 });
    await page.waitForFunction(() => /^[A-Z2-7]{16,}$/.test(document.getElementById('totp-secret')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const secret = (await page.textContent('#totp-secret'))!;
    expect(await page.textContent('#totp-uri')).toMatch(/^otpauth:\/\/totp\//);
    expect(await page.textContent('.user-menu__role')).toBe('指挥员');
    // No map before the second factor.
    expect(await page.evaluate(() => !!(window as { __beatAtlas?: unknown }).__beatAtlas)).toBe(false);
    await page.screenshot({ path: `${OUT_DIR}/roles-10-enrolment.png` });
    await page.fill('#enrol-code', '000000');
    await page.click('#enrol-screen .auth-form__submit');
    await page.waitForSelector('#enrol-code-error:not([hidden])', { timeout: 30_000 });
    await page.fill('#enrol-code', totpAt(base32Decode(secret), Date.now()));
    await page.click('#enrol-screen .auth-form__submit');
    await page.waitForSelector('#enrol-screen', { state: 'detached', timeout: 30_000 });
    await waitIdle(page);
    expect(await listedGroups(page)).toContain('population');
  });

  it('analyst: cases but not people, no edit', async () => {
    const analyst = await createTestUser(server.app, 'analyst', { stationId: null });
    const page = await newPage();
    await loginThroughForm(page, recordUrl('cases', kase.id), analyst);
    await waitIdle(page);
    expect(await page.textContent('.user-menu__role')).toBe('分析员');
    const groups = await listedGroups(page);
    expect(groups).toContain('cases');
    expect(groups).not.toContain('population');
    expect(groups).not.toContain('fire');
    expect(await page.evaluate(() => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      return [!!map.getSource('cases'), !!map.getSource('people')];
    })).toEqual([true, false]);
    await page.waitForSelector(`#record-panel[data-record="cases/${kase.id}"][data-kind="record"]`, { timeout: 30_000 });
    expect(await page.locator('.record-panel__edit').count()).toBe(0);
    expect(await statusFromPage(page, '/api/people')).toBe(403);
    await page.screenshot({ path: `${OUT_DIR}/roles-11-analyst.png` });
  });

  for (const role of ['auditor', 'admin'] as const) {
    it(`${role}: the base map and a note, no register layers, and the API refuses register data`, async () => {
      const user = await createTestUser(server.app, role);
      const page = await newPage();
      await loginThroughForm(page, server.url, user);
      await waitIdle(page);
      expect(await page.textContent('.user-menu__role')).toBe(role === 'auditor' ? '审计员' : '系统管理员');
      expect(await listedGroups(page)).toEqual(['admin', 'beats', 'streets', 'buildings', 'addresses']);
      expect(await page.textContent('.layer-list__note')).toBe('此账号无业务数据权限，仅显示底图。');
      expect(await page.locator('#search-input').count()).toBe(0);
      expect(await statusFromPage(page, '/api/people')).toBe(403);
      expect(await statusFromPage(page, '/api/cases')).toBe(403);
      await page.screenshot({ path: `${OUT_DIR}/roles-12-${role}.png` });
    });
  }

  it('had no page errors and no server errors', () => {
    expect(pageErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
});
