import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';
import { oncePerList, scopeKey, type BeatScope } from '../access/jurisdiction.js';
import type pg from 'pg';
import { TileCache, type CachedTile } from './tile-cache.js';
import { featureIds } from './tile-ids.js';
import { buildTileJs } from './tile-js.js';
import type { TileCoord } from './tile-math.js';
import { ALL_TIME, TILE_LAYERS, type TileLayer, type TimeRange } from './tile-layers.js';
import { buildTileSql } from './tile-sql.js';

export type TileEncoder = 'sql' | 'js';

/**
 * Tiles smaller than this are cached uncompressed: most base tiles are ~2 KB, where gzip saves ~800
 * bytes but costs a zlib stream set-up (~0.25 ms of CPU) per tile — a third of a core at 1,300
 * tiles/s on a 2-core machine that also runs PostgreSQL.
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
  private readonly building = new Map<string, Promise<CachedTile>>();
  private checkedAt = 0;
  private refreshing: Promise<void> | null = null;
  private extent: { revision: string; bounds: [number, number, number, number] | null } | null = null;

  constructor(private readonly pool: pg.Pool, readonly encoder: TileEncoder, cacheBytes: number,
    private readonly gzipMinBytes = GZIP_MIN_BYTES) {
    this.cache = new TileCache(cacheBytes);
  }

  /**
   * The tile as served: from the cache, or built once for all requests asking for it at the same
   * time (a map opening in several browsers asks for the same tiles together).
   */
  /** `withIds`: also list the feature ids (kept in the cache entry) — for layers whose reads are audited. */
  async tile(layer: TileLayer, coord: TileCoord, range: TimeRange = ALL_TIME, scope: BeatScope = 'all', withIds = false): Promise<CachedTile> {
    const revision = await this.revision(layer.id);
    const when = layer.timeColumn && (range.from || range.to) ? `@${range.from ?? ''}..${range.to ?? ''}` : '';
    // Register tiles differ by jurisdiction: callers with the same beats share entries, others never do.
    const where = layer.register && scope !== 'all' ? `~${scopeDigest(scope)}` : '';
    const key = `${layer.id}/${revision}/${coord.z}/${coord.x}/${coord.y}${when}${where}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let building = this.building.get(key);
    if (!building) {
      building = this.buildEntry(layer, coord, range, scope, withIds, key, `"${layer.id}-${revision}${when}${where}"`).finally(() => this.building.delete(key));
      this.building.set(key, building);
    }
    return building;
  }

  /**
   * A miss is answered with the raw MVT at once; compression belongs to the cache: the gzipped copy
   * replaces the raw one when zlib (on libuv's thread pool) is done, and serves every later request.
   * With the cache off there is nothing to keep, so nothing is compressed.
   */
  private async buildEntry(layer: TileLayer, coord: TileCoord, range: TimeRange, scope: BeatScope, withIds: boolean,
    key: string, etag: string): Promise<CachedTile> {
    const mvt = coord.z < layer.minzoom ? null : await this.build(layer, coord, range, scope);
    const entry: CachedTile = { body: mvt === null ? null : Buffer.from(mvt.buffer, mvt.byteOffset, mvt.length), gzipped: false, etag };
    if (withIds) entry.ids = mvt === null ? [] : featureIds(mvt, layer.id);
    if (!this.cache.enabled) return entry;
    this.cache.set(key, entry);
    if (entry.body && entry.body.length >= this.gzipMinBytes) {
      gzip(entry.body, { level: 6 }, (error, compressed) => {
        // Only if the raw entry is still the one cached (not evicted, not replaced by a newer revision).
        if (!error && this.cache.peek(key) === entry) this.cache.set(key, { body: compressed, gzipped: true, etag, ...(entry.ids ? { ids: entry.ids } : {}) });
      });
    }
    return entry;
  }

  /** The tile's MVT bytes, uncached and uncompressed (tests and the benchmark's ceiling). */
  build(layer: TileLayer, coord: TileCoord, range: TimeRange = ALL_TIME, scope: BeatScope = 'all'): Promise<Uint8Array | null> {
    return this.encoder === 'sql' ? buildTileSql(this.pool, layer, coord, range, scope) : buildTileJs(this.pool, layer, coord, range, scope);
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

/**
 * A short digest of a beat list for cache keys and ETags (a station's beats would make a long key).
 * Made once per shared scope list (jurisdiction.ts shares them), not hashed again on every tile request.
 */
function scopeDigest(scope: readonly number[]): string {
  return oncePerList(digests, scope, (list) => createHash('sha1').update(scopeKey(list)).digest('base64url').slice(0, 12));
}

const digests = new WeakMap<readonly number[], string>();
