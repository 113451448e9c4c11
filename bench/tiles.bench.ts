/**
 * `npm run bench -- tiles`: uncached tiles through the HTTP endpoint against the bare tile statement
 * on the same pool (the ceiling), paired in alternating rounds in one process, then cached tiles/s.
 * Targets (2 cores, external mode): endpoint ≥ 0.85 × bare SQL; cached ≥ 5,000 tiles/s.
 *
 * Base layers need a login like every /api route (any full session will do): requests carry the
 * session cookie of a fresh bench user (bench-session.ts).
 */
import { buildApp } from '../server/app.js';
import { lngLatToTile, type TileCoord } from '../server/tiles/tile-math.js';
import { TILE_LAYERS, type TileLayer } from '../server/tiles/tile-layers.js';

/** The basemap's layers (issue: "for the base layers"); register layers are measured by their own benches. */
const BASE_LAYER_IDS = ['district', 'communities', 'beats', 'streets', 'buildings', 'addresses'];
const BASE_LAYERS = TILE_LAYERS.filter((layer) => BASE_LAYER_IDS.includes(layer.id));
import { openBenchDatabase } from './bench-database.js';
import { benchSessionInject, retireBenchUser } from './bench-session.js';
import { closedLoop, fmt, median, pairedRatio, type RunStats } from './stats.js';
import { hasWrk, wrk } from './wrk.js';

const ZOOMS = [12, 13, 14, 15, 16];
const TILES_PER_ZOOM = 40; // distinct tiles sampled per zoom, each requested for every layer drawn there
const CONCURRENCY = 8;
const ROUNDS = 9;
const SQL_PASSES = 3; // passes over the sample per run with fetch (no wrk), and for the warm-up
const HTTP_SECONDS = 5; // seconds per endpoint run under wrk

interface Item { layer: TileLayer; tile: TileCoord; path: string }

export async function benchTiles(): Promise<void> {
  const database = await openBenchDatabase();
  const items = await sampleTiles(database.pool);
  const encoder = database.capabilities.mvt ? 'ST_AsMVT' : 'JavaScript (embedded engine: no ST_AsMVT)';
  console.log(`tiles: ${items.length} layer-tiles over z${ZOOMS[0]}–z${ZOOMS.at(-1)}, encoder ${encoder}, ${CONCURRENCY} concurrent, HTTP client ${hasWrk() ? 'wrk' : 'fetch (install wrk for a separate-process client)'}`);

  const uncached = await buildApp({ database, tileCacheMb: 0 });
  const session = await benchSessionInject(uncached);
  // Only the cookie: tile requests are GETs (no CSRF token). Sessions live in the database, so the
  // cached app below accepts the same cookie.
  const headers = { cookie: session.cookie };
  console.log(`logged in as ${session.user.username}: every endpoint request carries its session cookie`);
  const base = await listen(uncached);
  const paths = items.map((item) => item.path);
  // A bare-SQL run lasts as long as an endpoint run (HTTP_SECONDS): passes sized from the warm-up's
  // rate. Three passes (~0.5 s) measured the ceiling 2,000–3,000 tiles/s from run to run, the start
  // of a run weighing as much as the rest; runs of equal length compare like with like.
  let sqlPasses = SQL_PASSES;
  const bareSql = () => closedLoop(repeat(items, sqlPasses), CONCURRENCY, (item) => uncached.tiles.build(item.layer, item.tile));
  // The endpoint now also resolves the session on every request (a lookup of session and user on the
  // same pool, and a last-seen write at most once a minute) before building the tile; bare SQL does
  // not. That lookup is part of what the endpoint costs a logged-in user, so it stays in the
  // comparison: the ratio is "what a real request gets of the ceiling", session included.
  const endpoint = async () => (hasWrk()
    ? wrk(base, paths, { connections: CONCURRENCY, seconds: HTTP_SECONDS, headers })
    : closedLoop(repeat(items, SQL_PASSES), CONCURRENCY, (item) => fetchTile(base + item.path, headers)));
  // Warm PostgreSQL's buffers and every connection's prepared plans before measuring.
  sqlPasses = Math.max(SQL_PASSES, Math.round((HTTP_SECONDS * (await bareSql()).perSecond) / items.length));
  await endpoint();
  const sqlRuns: RunStats[] = [];
  const httpRuns: RunStats[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which goes first so drift (caches, other load) doesn't favour one side.
    if (round % 2) {
      sqlRuns.push(await bareSql());
      httpRuns.push(await endpoint());
    } else {
      httpRuns.push(await endpoint());
      sqlRuns.push(await bareSql());
    }
    console.log(`  round ${round}: bare SQL ${fmt(sqlRuns.at(-1)!.perSecond)} tiles/s, endpoint ${fmt(httpRuns.at(-1)!.perSecond)} tiles/s, ratio ${fmt(httpRuns.at(-1)!.perSecond / sqlRuns.at(-1)!.perSecond, 3)}`);
  }
  await uncached.close();

  const cached = await buildApp({ database, tileCacheMb: 512 });
  const cachedBase = await listen(cached);
  await closedLoop(items, CONCURRENCY, (item) => fetchTile(cachedBase + item.path, headers)); // fill the cache
  const cachedPerSecond = hasWrk()
    ? (await wrk(cachedBase, paths, { connections: 32, seconds: HTTP_SECONDS, headers })).perSecond
    : (await closedLoop(repeat(items, 40), 64, (item) => fetchTile(cachedBase + item.path, headers))).perSecond;
  await cached.close();
  await retireBenchUser(database.db, session.user);
  await database.close();

  const sql = pick(sqlRuns);
  const http = pick(httpRuns);
  console.log('\n| path | tiles/s | p50 ms | p95 ms |\n|---|---|---|---|');
  console.log(`| bare SQL (ceiling) | ${fmt(sql.perSecond)} | ${fmt(sql.p50Ms, 2)} | ${fmt(sql.p95Ms, 2)} |`);
  console.log(`| endpoint, uncached | ${fmt(http.perSecond)} | ${fmt(http.p50Ms, 2)} | ${fmt(http.p95Ms, 2)} |`);
  console.log(`| endpoint, cached | ${fmt(cachedPerSecond, 0)} | | |`);
  const ratio = pairedRatio(httpRuns, sqlRuns);
  console.log(`\nratio endpoint / bare SQL (median of ${ROUNDS} paired rounds' ratios, ${ratio.rounds.map((r) => fmt(r, 3)).join(' ')}; endpoint incl. the session lookup): ${fmt(ratio.median, 3)}  (target ≥ 0.85)`);
  console.log(`ratio of the median runs (${fmt(http.perSecond)} / ${fmt(sql.perSecond)} tiles/s, taken from different rounds): ${fmt(http.perSecond / sql.perSecond, 3)}`);
  console.log(`cached tiles/s: ${fmt(cachedPerSecond, 0)}  (target ≥ 5,000)`);
}

/** The run with the median throughput. */
function pick(runs: RunStats[]): RunStats {
  const m = median(runs.map((run) => run.perSecond));
  return runs.find((run) => run.perSecond === m)!;
}

async function fetchTile(url: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'gzip', ...headers } });
  await response.arrayBuffer();
  if (response.status !== 200 && response.status !== 204) throw new Error(`${url}: HTTP ${response.status}`);
}

/** Tiles around buildings (where the map is looked at), a fixed spread: same tiles every run. */
async function sampleTiles(pool: import('pg').Pool): Promise<Item[]> {
  const { rows } = await pool.query<{ lng: number; lat: number }>(
    'SELECT ST_X(c) AS lng, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) AS c FROM buildings WHERE id % 97 = 0 ORDER BY id) q');
  const items: Item[] = [];
  for (const z of ZOOMS) {
    const tiles = new Map<string, TileCoord>();
    for (const { lng, lat } of rows) {
      const tile = lngLatToTile(lng, lat, z);
      tiles.set(`${tile.x}/${tile.y}`, tile);
      if (tiles.size >= TILES_PER_ZOOM) break;
    }
    for (const tile of tiles.values()) {
      for (const layer of BASE_LAYERS) {
        if (z >= layer.minzoom) items.push({ layer, tile, path: `/api/tiles/${layer.id}/${z}/${tile.x}/${tile.y}.mvt` });
      }
    }
  }
  return items;
}

function repeat<T>(items: T[], times: number): T[] {
  return Array.from({ length: items.length * times }, (_, i) => items[i % items.length]!);
}

async function listen(app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}
