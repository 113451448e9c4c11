/**
 * In-process cache of compressed tiles, bounded by bytes (least recently used out first). Keys carry
 * the layer's data revision, so a write to a layer makes its old tiles unreachable at once; they age
 * out of the LRU without a sweep.
 */
export interface CachedTile {
  /** The MVT bytes as served (see `gzipped`); null for an empty tile (served as 204). */
  body: Buffer | null;
  /** True when `body` is gzip-compressed. */
  gzipped: boolean;
  etag: string;
  /** The record ids in the tile, where their reads are audited (single cases at z17–18); else absent. */
  ids?: readonly number[];
}

export class TileCache {
  private readonly entries = new Map<string, CachedTile>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  /** @param maxBytes upper bound of the cached tiles' compressed size, in bytes; 0 disables. */
  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedTile | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  /** The entry without counting a hit or refreshing its place in the LRU order. */
  peek(key: string): CachedTile | undefined {
    return this.entries.get(key);
  }

  /** False when the cache was configured with no room (TILE_CACHE_MB=0). */
  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  set(key: string, entry: CachedTile): void {
    const size = sizeOf(key, entry);
    if (size > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= sizeOf(key, previous);
    }
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(oldest, old);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

/** Stored bytes plus a fixed per-entry overhead for the key and bookkeeping. */
function sizeOf(key: string, entry: CachedTile): number {
  return (entry.body?.length ?? 0) + key.length * 2 + 64;
}
