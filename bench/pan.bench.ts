/**
 * `DATABASE_URL=… npm run bench -- pan`: is the map still smooth to pan with the cases layer on at
 * bench scale (1M cases)? Headless Debian Chromium (software GL, 1280×800) pans the densest z14
 * tile's area at z15 in a fixed square spiral (16 animated pans of 320 px, 400 ms each), while the
 * page records every animation frame; then it waits for the map to settle (all tiles loaded, idle).
 *
 * The baseline is the same pan with the base map only (district, beats, streets, buildings), in the
 * same run: passes alternate base, cases, base, cases … each in a new browser context (nothing in the
 * browser's cache), and the figures are the medians per configuration. Printed: frame interval p50,
 * p95 and the longest frame, frames over 100 ms (a visible stutter), the time from the last pan to
 * idle, and the ratio of the cases pass's p95 frame to the base pass's.
 * Target: the cases layer costs panning no more than 1.25× the base map's p95 frame (what "stays
 * smooth" means when the machine's own software GL sets the floor), and no frame over 250 ms.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { SESSION_COOKIE } from '../server/auth/auth-settings.js';
import { tileToLat, tileToLng } from '../server/tiles/tile-math.js';
import { openBenchDatabase } from './bench-database.js';
import { densestTile } from './dense-area.js';
import { BROWSER_ARGS, CHROMIUM, logIn, startServer, stopServer } from './served-app.js';
import { fmt, median } from './stats.js';

const PASSES_PER_CONFIG = 3;
const ZOOM = 15;
const STEP_PX = 320;
const PAN_MS = 400;
const IDLE_TIMEOUT_MS = 120_000;
const TARGET_RATIO = 1.25;
const TARGET_LONGEST_MS = 250;

/** Right, down, left, up with growing legs: the view keeps moving into tiles it has not drawn yet. */
const DIRECTIONS: [number, number][] = [[1, 0], [0, 1], [-1, 0], [0, -1]];
const SPIRAL: [number, number][] = [1, 1, 2, 2, 3, 3, 4].flatMap((legs, i) => {
  const [dx, dy] = DIRECTIONS[i % 4]!;
  return Array.from({ length: legs }, () => [dx * STEP_PX, dy * STEP_PX] as [number, number]);
}).slice(0, 16);

const CONFIGS = [
  { name: 'base map', layers: 'admin,beats,streets,buildings' },
  { name: 'base map + cases', layers: 'admin,beats,streets,buildings,cases' },
] as const;

interface Pass { frames: number[]; panMs: number; settleMs: number; casesDrawn: number }

export async function benchPan(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('the pan bench runs on the bench-scale district: set DATABASE_URL (see bench/README.md)');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH or apt-get install chromium)`);
  const database = await openBenchDatabase();
  const dense = await densestTile(database.pool, 14);
  await database.close();
  const center = { lng: tileToLng(dense.x + 0.5, 14), lat: tileToLat(dense.y + 0.5, 14) };
  console.log(`pan: around the densest z14 tile (~${dense.count.toLocaleString('en-US')} cases) at ${center.lng.toFixed(4)}, ${center.lat.toFixed(4)}, z${ZOOM}; ${SPIRAL.length} pans of ${STEP_PX} px, ${PAN_MS} ms each`);

  console.log('building the client…');
  await build({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  const { url, child } = await startServer();
  let login: Awaited<ReturnType<typeof logIn>> | null = null;
  let browser: Browser | null = null;
  const passes = new Map<string, Pass[]>(CONFIGS.map((config) => [config.name, []]));
  try {
    login = await logIn(url);
    const cookie = login.session.cookie.slice(SESSION_COOKIE.length + 1);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
    for (let round = 1; round <= PASSES_PER_CONFIG; round++) {
      for (const config of CONFIGS) {
        const pass = await panOnce(browser, url, cookie, `#map=${ZOOM}/${center.lat.toFixed(5)}/${center.lng.toFixed(5)}&layers=${config.layers}`);
        passes.get(config.name)!.push(pass);
        const sorted = [...pass.frames].sort((a, b) => a - b);
        console.log(`  round ${round}, ${config.name}: ${pass.frames.length} frames, p95 ${fmt(percentile(sorted, 0.95), 1)} ms, longest ${fmt(sorted.at(-1)!, 0)} ms, settled ${fmt(pass.settleMs, 0)} ms after the last pan${pass.casesDrawn ? `, ${pass.casesDrawn.toLocaleString('en-US')} case features drawn` : ''}`);
      }
    }
  } finally {
    await browser?.close();
    await stopServer(child);
    await login?.done();
  }

  const summary = CONFIGS.map((config) => {
    const runs = passes.get(config.name)!;
    const per = runs.map((pass) => {
      const sorted = [...pass.frames].sort((a, b) => a - b);
      return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), longest: sorted.at(-1)!, janky: sorted.filter((ms) => ms > 100).length, settle: pass.settleMs };
    });
    const m = (key: keyof (typeof per)[number]) => median(per.map((p) => p[key]));
    return { name: config.name, p50: m('p50'), p95: m('p95'), longest: Math.max(...per.map((p) => p.longest)), janky: m('janky'), settle: m('settle'), drawn: median(runs.map((r) => r.casesDrawn)) };
  });
  console.log(`\n| layers | frame p50 ms | frame p95 ms | longest frame ms | frames > 100 ms | settle after last pan ms |\n|---|---|---|---|---|---|`);
  for (const row of summary) console.log(`| ${row.name} | ${fmt(row.p50, 1)} | ${fmt(row.p95, 1)} | ${fmt(row.longest, 0)} | ${fmt(row.janky, 0)} | ${fmt(row.settle, 0)} |`);
  const [base, cases] = summary as [typeof summary[number], typeof summary[number]];
  console.log(`\ncases drawn on the cases passes (median): ${cases.drawn.toLocaleString('en-US')} features`);
  console.log(`frame p95 with cases / base map only (medians of ${PASSES_PER_CONFIG} passes each): ${fmt(cases.p95 / base.p95, 2)} (target ≤ ${TARGET_RATIO})`);
  console.log(`longest frame with cases: ${fmt(cases.longest, 0)} ms (target ≤ ${TARGET_LONGEST_MS} ms)`);
}

/** One pass in a fresh browser context: load at the hash, wait for idle, pan the spiral recording frames, wait for idle. */
async function panOnce(browser: Browser, url: string, cookie: string, hash: string): Promise<Pass> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  try {
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url, httpOnly: true, sameSite: 'Strict' }]);
    // tsx compiles this file keeping function names, through a helper `__name` the page does not have.
    await context.addInitScript('window.__name = (fn) => fn;');
    const page = await context.newPage();
    await page.goto(`${url}/${hash}`);
    await page.waitForSelector('body[data-map-idle="1"], body[data-screen="login-screen"]', { state: 'attached', timeout: IDLE_TIMEOUT_MS });
    if (await page.$('body[data-screen="login-screen"]')) throw new Error('the page showed the login screen: the session cookie was not accepted');
    return await page.evaluate(async ({ spiral, panMs, idleTimeoutMs }) => {
      const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
      const settle = () => new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the map did not settle')), idleTimeoutMs);
        const done = () => { clearTimeout(timer); resolve(); };
        if (map.loaded() && map.areTilesLoaded()) done(); else map.once('idle', done);
      });
      await settle();
      const frames: number[] = [];
      let last = performance.now();
      let recording = true;
      const tick = (now: number) => {
        frames.push(now - last);
        last = now;
        if (recording) requestAnimationFrame(tick);
      };
      requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
      const started = performance.now();
      for (const [dx, dy] of spiral) {
        const moved = new Promise<void>((resolve) => map.once('moveend', () => resolve()));
        map.panBy([dx, dy], { duration: panMs });
        await moved;
      }
      const panEnd = performance.now();
      recording = false;
      await settle();
      const casesDrawn = map.getStyle().layers.filter((layer) => layer.id.startsWith('cases') && layer.layout?.visibility !== 'none').length
        ? map.queryRenderedFeatures({ layers: map.getStyle().layers.filter((layer) => layer.id.startsWith('cases')).map((layer) => layer.id) }).length
        : 0;
      return { frames, panMs: panEnd - started, settleMs: performance.now() - panEnd, casesDrawn };
    }, { spiral: SPIRAL, panMs: PAN_MS, idleTimeoutMs: IDLE_TIMEOUT_MS });
  } finally {
    await context.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
