/**
 * `npm run bench -- first-render`: the time from navigation start to the map's first `idle` with the
 * base layers drawn (the `beat-atlas:first-idle` performance mark set by client/src/main.ts), in
 * headless Debian Chromium on the demo district. Target ≤ 2 s.
 *
 * Builds the client, starts the server as `npm start` does (compiled `dist/server/main.js`: embedded database in a
 * kept temporary folder, seeded with the demo district on its first use, or DATABASE_URL), then opens
 * the page RUNS times (default 7, env FIRST_RENDER_RUNS), each in a new browser context so nothing is
 * in the browser's cache. The first run also meets a cold server tile cache; it is printed apart and
 * included in p50/max. FIRST_RENDER_TRACE=1 also prints each run's requests (page and tiles) with
 * their times, to see where the time goes.
 *
 * The page shows a login form until there is a session. The bench logs in over HTTP once, before
 * the runs (as demo.officer, one of the demo district's accounts; on a DATABASE_URL database without
 * demo accounts, as a fresh bench user made in that database, bench-session.ts), and puts the session
 * cookie into each new browser context before navigating: what is timed is the page of a user who is
 * already logged in, from navigation start to the map's first idle, as before, and not anyone typing.
 * That page asks GET /api/auth/me before it builds the map, so that round trip is in the figure.
 * Register layers are off on first render, so which user is logged in does not change what is drawn.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { SESSION_COOKIE } from '../server/auth/auth-settings.js';
import { BROWSER_ARGS, CHROMIUM, logIn, startServer, stopServer } from './served-app.js';
import { fmt, median } from './stats.js';

const TARGET_MS = 2_000;
const IDLE_TIMEOUT_MS = 60_000;
/** Layers that must have drawn something for the render to count as meaningful. */
const BASE_LAYERS = ['communities-fill', 'streets-line', 'buildings-fill'];

interface Run { firstIdleMs: number; domContentLoadedMs: number; baseFeatures: number }

export async function benchFirstRender(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH or apt-get install chromium)`);
  const runs = Number(process.env.FIRST_RENDER_RUNS ?? 7);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`FIRST_RENDER_RUNS: must be a whole number ≥ 1, got "${process.env.FIRST_RENDER_RUNS}"`);

  console.log('building the client…');
  await build({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  console.log(`starting the server (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded demo database'})…`);
  const { url, child } = await startServer();
  let login: Awaited<ReturnType<typeof logIn>>;
  try {
    login = await logIn(url);
  } catch (error) {
    await stopServer(child);
    throw error;
  }
  const cookieValue = login.session.cookie.slice(SESSION_COOKIE.length + 1);
  console.log(`logged in over HTTP as ${login.username}; each run starts logged in (session cookie set in the browser context), timing starts at navigation, after login`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: BROWSER_ARGS,
  });
  const results: Run[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
      // As the login's Set-Cookie would have it (httpOnly, SameSite=Strict; no Secure over http).
      await context.addCookies([{ name: SESSION_COOKIE, value: cookieValue, url, httpOnly: true, sameSite: 'Strict' }]);
      const page = await context.newPage();
      // Tiles are fetched by MapLibre's workers: their requests are seen here, not in the page's timeline.
      const started = Date.now();
      const tiles: Array<{ url: string; at: number }> = [];
      page.on('requestfinished', (request) => {
        if (request.url().endsWith('.mvt')) tiles.push({ url: request.url().replace(url, ''), at: Date.now() - started });
      });
      await page.goto(`${url}/`);
      // The login screen instead of the map means the cookie was not accepted: say so rather than time out.
      await page.waitForSelector('body[data-map-idle="1"], body[data-screen="login-screen"]', { state: 'attached', timeout: IDLE_TIMEOUT_MS });
      if (await page.$('body[data-screen="login-screen"]')) throw new Error(`run ${i + 1}: the page showed the login screen: the session cookie was not accepted`);
      const run = await page.evaluate((layers) => {
        const mark = performance.getEntriesByName('beat-atlas:first-idle')[0];
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const { map } = (window as unknown as { __beatAtlas: { map: import('maplibre-gl').Map } }).__beatAtlas;
        return {
          firstIdleMs: mark ? mark.startTime : Number.NaN,
          domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : Number.NaN,
          baseFeatures: map.queryRenderedFeatures({ layers: layers.filter((id) => map.getLayer(id)) }).length,
        };
      }, BASE_LAYERS);
      if (process.env.FIRST_RENDER_TRACE === '1') {
        // Where the time goes: every request until the mark, by start and end.
        const timeline = await page.evaluate(() => performance.getEntriesByType('resource')
          .map((e) => ({ name: e.name.replace(location.origin, ''), start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd }))
          .sort((a, b) => a.start - b.start));
        for (const e of timeline) console.log(`    ${fmt(e.start, 0).padStart(6)} → ${fmt(e.end, 0).padStart(6)} ms  ${e.name}`);
        for (const tile of tiles) console.log(`    tile done ≈${fmt(tile.at, 0).padStart(6)} ms after goto  ${tile.url}`);
      }
      await context.close();
      if (run.baseFeatures === 0) throw new Error(`run ${i + 1}: the map was idle but drew no base features (${BASE_LAYERS.join(', ')})`);
      results.push(run);
      console.log(`  run ${i + 1}: first idle ${fmt(run.firstIdleMs, 0)} ms (DOMContentLoaded ${fmt(run.domContentLoadedMs, 0)} ms, ${run.baseFeatures} base features drawn)`);
    }
  } finally {
    await browser.close();
    await stopServer(child);
    await login.done();
  }
  const times = results.map((r) => r.firstIdleMs);
  const max = Math.max(...times);
  console.log(`\nfirst meaningful render (navigation start → first map idle with base layers; already logged in, timing starts after login), ${runs} runs, 1280×800:`);
  console.log(`  first (cold server cache): ${fmt(times[0]!, 0)} ms`);
  console.log(`  p50: ${fmt(median(times), 0)} ms   max: ${fmt(max, 0)} ms   (target ≤ ${fmt(TARGET_MS, 0)} ms)`);
}
