import { gzipSync } from 'node:zlib';
import type pg from 'pg';
import { TileCache, type CachedTile } from './tile-cache.js';
import { buildTileJs } from './tile-js.js';
import type { TileCoord } from './tile-math.js';
import { TILE_LAYERS, type TileLayer } from './tile-layers.js';
import { buildTileSql } from './tile-sql.js';

export type TileEncoder = 'sql' | 'js';

/**
 * Tiles smaller than this are served and cached uncompressed: most base tiles are ~2 KB, where gzip
 * saves ~800 bytes but costs a zlib stream set-up (~0.25 ms of CPU) per tile — a third of a core at
 * 1,300 tiles/s on a 2-core machine that also runs PostgreSQL.
 */
const GZIP_MIN_BYTES = 4096;

/** How stale a cached tile may be after a write by another process (a second API node, psql). */
const REVISION_CHECK_MS = 250;

/**
 * Serves tiles from the cache or builds them with the engine's encoder. Revisions come from the
 * `layer_revisions` table (bumped by triggers on every write), read at most every 250 ms, so cached
 * requests cost no database round trip and any writer — this process or another — invalidates.
 */
export class TileService {
  readonly cache: TileCache;
  private revisions = new Map<string, string>();
  private checkedAt = 0;
  private refreshing: Promise<void> | null = null;
  private extent: { revision: string; bounds: [number, number, number, number] | null } | null = null;

  constructor(private readonly pool: pg.Pool, readonly encoder: TileEncoder, cacheBytes: number) {
    this.cache = new TileCache(cacheBytes);
  }

  async tile(layer: TileLayer, coord: TileCoord): Promise<CachedTile> {
    const revision = await this.revision(layer.id);
    const key = `${layer.id}/${revision}/${coord.z}/${coord.x}/${coord.y}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const mvt = coord.z < layer.minzoom ? null : await this.build(layer, coord);
    const etag = `"${layer.id}-${revision}"`;
    const gzipped = mvt !== null && mvt.length >= GZIP_MIN_BYTES;
    const body = mvt === null ? null : gzipped ? gzipSync(mvt, { level: 6 }) : Buffer.from(mvt.buffer, mvt.byteOffset, mvt.length);
    const entry: CachedTile = { body, gzipped, etag };
    this.cache.set(key, entry);
    return entry;
  }

  /** The tile's MVT bytes, uncached and uncompressed (tests and the benchmark's ceiling). */
  build(layer: TileLayer, coord: TileCoord): Promise<Uint8Array | null> {
    return this.encoder === 'sql' ? buildTileSql(this.pool, layer, coord) : buildTileJs(this.pool, layer, coord);
  }

  /** [west, south, east, north] of the district, for TileJSON and the client's initial view. */
  async districtBounds(): Promise<[number, number, number, number] | null> {
    const revision = await this.revision('district');
    if (this.extent?.revision !== revision) {
      const { rows } = await this.pool.query<{ w: number | null; s: number; e: number; n: number }>(
        'SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(geom) AS x FROM districts) q');
      const row = rows[0];
      this.extent = { revision, bounds: row && row.w !== null ? [row.w, row.s, row.e, row.n] : null };
    }
    return this.extent.bounds;
  }

  async revision(layerId: string): Promise<string> {
    if (Date.now() - this.checkedAt > REVISION_CHECK_MS) {
      this.refreshing ??= this.refreshRevisions().finally(() => { this.refreshing = null; });
      await this.refreshing;
    }
    return this.revisions.get(layerId) ?? '0';
  }

  /** Read revisions now (after a write in this process, so the next request sees it). */
  async refreshRevisions(): Promise<void> {
    const { rows } = await this.pool.query<{ layer: string; revision: string }>('SELECT layer, revision::text FROM layer_revisions');
    this.revisions = new Map(rows.map((row) => [row.layer, row.revision]));
    this.checkedAt = Date.now();
  }

  get layers(): readonly TileLayer[] {
    return TILE_LAYERS;
  }
}
