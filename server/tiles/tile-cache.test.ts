import { describe, expect, it } from 'vitest';
import { TileCache } from './tile-cache.js';

const tile = (bytes: number) => ({ body: Buffer.alloc(bytes), gzipped: true, etag: '"x"' });

describe('TileCache', () => {
  it('returns what was stored and counts hits and misses', () => {
    const cache = new TileCache(10_000);
    cache.set('a', tile(10));
    expect(cache.get('a')?.body?.length).toBe(10);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it('evicts the least recently used entry beyond its byte bound', () => {
    const cache = new TileCache(3 * (1000 + 2 + 64));
    cache.set('a', tile(1000));
    cache.set('b', tile(1000));
    cache.set('c', tile(1000));
    cache.get('a'); // a is now newer than b
    cache.set('d', tile(1000));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.size.entries).toBe(3);
  });

  it('keeps empty tiles and never stores with a zero bound', () => {
    const cache = new TileCache(1000);
    cache.set('empty', { body: null, gzipped: false, etag: '"e"' });
    expect(cache.get('empty')?.body).toBeNull();
    const off = new TileCache(0);
    off.set('a', tile(1));
    expect(off.get('a')).toBeUndefined();
  });

  it('replacing a key does not double count its bytes', () => {
    const cache = new TileCache(10_000);
    cache.set('a', tile(100));
    cache.set('a', tile(200));
    expect(cache.size.bytes).toBe(200 + 2 + 64);
  });
});
