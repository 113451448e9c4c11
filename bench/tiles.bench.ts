/**
 * `npm run bench -- tiles`: uncached tiles through the HTTP endpoint against the bare tile statement
 * on the same pool (the ceiling), paired in alternating rounds in one process, then cached tiles/s.
 * Targets (2 cores, external mode): endpoint ≥ 0.85 × bare SQL; cached ≥ 5,000 tiles/s.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.js';
import { lngLatToTile, type TileCoord } from '../server/tiles/tile-math.js';
import { TILE_LAYERS, type TileLayer } from '../server/tiles/tile-layers.js';
import { openBenchDatabase } from './bench-database.js';
import { closedLoop, fmt, median, type RunStats } from './stats.js';

const ZOOMS = [12, 13, 14, 15, 16];
const TILES_PER_ZOOM = 40; // distinct tiles sampled per zoom, each requested for every layer drawn there
const CONCURRENCY = 8;
const ROUNDS = 3;

interface Item { layer: TileLayer; tile: TileCoord; path: string }

export async function benchTiles(): Promise<void> {
  const database = await openBenchDatabase();
  const items = await sampleTiles(database.pool);
  const encoder = database.capabilities.mvt ? 'ST_AsMVT' : 'JavaScript (embedded engine: no ST_AsMVT)';
  console.log(`tiles: ${items.length} layer-tiles over z${ZOOMS[0]}–z${ZOOMS.at(-1)}, encoder ${encoder}, ${CONCURRENCY} concurrent`);

  const uncached = await buildApp({ database, tileCacheMb: 0 });
  await uncached.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(uncached.server.address() as { port: number }).port}`;
  const sqlRuns: RunStats[] = [];
  const httpRuns: RunStats[] = [];
  await closedLoop(items.slice(0, 50), CONCURRENCY, (item) => uncached.tiles.build(item.layer, item.tile)); // warm plans
  for (let round = 1; round <= ROUNDS; round++) {
    sqlRuns.push(await closedLoop(items, CONCURRENCY, (item) => uncached.tiles.build(item.layer, item.tile)));
    httpRuns.push(await closedLoop(items, CONCURRENCY, (item) => fetchTile(base + item.path)));
    console.log(`  round ${round}: bare SQL ${fmt(sqlRuns.at(-1)!.perSecond)} tiles/s, endpoint ${fmt(httpRuns.at(-1)!.perSecond)} tiles/s`);
  }
  await uncached.close();

  const cached = await buildApp({ database, tileCacheMb: 512 });
  await cached.listen({ port: 0, host: '127.0.0.1' });
  const cachedBase = `http://127.0.0.1:${(cached.server.address() as { port: number }).port}`;
  await closedLoop(items, CONCURRENCY, (item) => fetchTile(cachedBase + item.path)); // fill the cache
  const cachedPerSecond = existsSync('/usr/bin/wrk')
    ? wrkPerSecond(cachedBase, items.map((item) => item.path))
    : (await closedLoop(Array.from({ length: 20_000 }, (_, i) => items[i % items.length]!), 64, (item) => fetchTile(cachedBase + item.path))).perSecond;
  await cached.close();
  await database.close();

  const sql = pick(sqlRuns);
  const http = pick(httpRuns);
  console.log('\n| path | tiles/s | p50 ms | p95 ms |\n|---|---|---|---|');
  console.log(`| bare SQL (ceiling) | ${fmt(sql.perSecond)} | ${fmt(sql.p50Ms, 2)} | ${fmt(sql.p95Ms, 2)} |`);
  console.log(`| endpoint, uncached | ${fmt(http.perSecond)} | ${fmt(http.p50Ms, 2)} | ${fmt(http.p95Ms, 2)} |`);
  console.log(`| endpoint, cached | ${fmt(cachedPerSecond, 0)} | | |`);
  console.log(`\nratio endpoint / bare SQL (median of ${ROUNDS} paired rounds): ${fmt(http.perSecond / sql.perSecond, 3)}  (target ≥ 0.85)`);
  console.log(`cached tiles/s: ${fmt(cachedPerSecond, 0)}  (target ≥ 5,000)`);
}

/** The run with the median throughput. */
function pick(runs: RunStats[]): RunStats {
  const m = median(runs.map((run) => run.perSecond));
  return runs.find((run) => run.perSecond === m)!;
}

async function fetchTile(url: string): Promise<void> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
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
      for (const layer of TILE_LAYERS) {
        if (z >= layer.minzoom) items.push({ layer, tile, path: `/api/tiles/${layer.id}/${z}/${tile.x}/${tile.y}.mvt` });
      }
    }
  }
  return items;
}

/** Cached throughput from wrk in its own process, so the client doesn't share the server's core. */
function wrkPerSecond(base: string, paths: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'beat-atlas-wrk-'));
  const script = join(dir, 'paths.lua');
  writeFileSync(script, `paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "gzip" })
end
`);
  const out = execFileSync('wrk', ['-t1', '-c32', '-d8s', '-s', script, base], { encoding: 'utf8' });
  const match = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!match) throw new Error(`unexpected wrk output:\n${out}`);
  return Number(match[1]);
}
