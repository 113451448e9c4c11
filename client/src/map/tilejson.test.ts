import { describe, expect, it } from 'vitest';
import { boundsCenter, parseBounds, parseCenter, readTileJson } from './tilejson.js';

describe('readTileJson', () => {
  it('reads a TileJSON 3.0.0 document', () => {
    const view = readTileJson({
      tilejson: '3.0.0',
      tiles: ['http://127.0.0.1:3000/api/tiles/district/{z}/{x}/{y}.mvt'],
      minzoom: 0,
      maxzoom: 16,
      bounds: [121.45, 29.8, 121.62, 29.93],
      center: [121.535, 29.865, 13],
    });
    expect(view).toEqual({
      bounds: [121.45, 29.8, 121.62, 29.93],
      center: { lng: 121.535, lat: 29.865, zoom: 13 },
      minzoom: 0,
      maxzoom: 16,
    });
  });

  it.each([null, undefined, 42, 'x', [], {}, { bounds: 'a', center: {} }])('tolerates %j', (json) => {
    expect(readTileJson(json)).toEqual({ bounds: null, center: null, minzoom: null, maxzoom: null });
  });

  it('rejects bad bounds and centres', () => {
    expect(parseBounds([1, 2, 3])).toBeNull();
    expect(parseBounds([3, 2, 1, 4])).toBeNull();
    expect(parseBounds([1, 4, 3, 2])).toBeNull();
    expect(parseBounds([-200, 0, 1, 1])).toBeNull();
    expect(parseBounds([0, 0, Number.NaN, 1])).toBeNull();
    expect(parseBounds(['1', 0, 2, 1])).toBeNull();
    expect(parseCenter([121.5, 29.8])).toEqual({ lng: 121.5, lat: 29.8, zoom: null });
    expect(parseCenter([121.5, 95])).toBeNull();
    expect(parseCenter([121.5, 29.8, 99])).toEqual({ lng: 121.5, lat: 29.8, zoom: null });
  });

  it('computes the centre of bounds', () => {
    expect(boundsCenter([120, 29, 122, 31])).toEqual([121, 30]);
  });
});
