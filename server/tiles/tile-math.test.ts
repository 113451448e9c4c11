import { describe, expect, it } from 'vitest';
import { isTileCoordError, lngLatToTile, parseTileCoord, tileBounds, tileProjector } from './tile-math.js';

describe('parseTileCoord', () => {
  it('accepts a valid tile', () => {
    expect(parseTileCoord('14', '13716', '6797')).toEqual({ z: 14, x: 13716, y: 6797 });
  });
  it.each([
    [['23', '0', '0'], 'z', 'must be from 0 to 22, got 23'],
    [['a', '0', '0'], 'z', 'must be a non-negative whole number, got "a"'],
    [['2', '4', '0'], 'x', 'must be below 4 at zoom 2, got 4'],
    [['2', '0', '-1'], 'y', 'must be a non-negative whole number, got "-1"'],
    [['0', '0', '1'], 'y', 'must be below 1 at zoom 0, got 1'],
  ])('refuses %j naming %s', ([z, x, y], field, reason) => {
    const result = parseTileCoord(z!, x!, y!);
    expect(isTileCoordError(result)).toBe(true);
    expect(result).toEqual({ field, reason });
  });
});

describe('tile bounds and projection', () => {
  it('the world tile spans the Mercator world', () => {
    const [w, s, e, n] = tileBounds({ z: 0, x: 0, y: 0 });
    expect(w).toBe(-180);
    expect(e).toBe(180);
    expect(n).toBeCloseTo(85.0511, 3);
    expect(s).toBeCloseTo(-85.0511, 3);
  });
  it('a point lands in the tile lngLatToTile names, inside the extent', () => {
    const lng = 121.55, lat = 29.87;
    for (const z of [10, 12, 14, 16, 18]) {
      const tile = lngLatToTile(lng, lat, z);
      const [w, s, e, n] = tileBounds(tile);
      expect(lng).toBeGreaterThanOrEqual(w);
      expect(lng).toBeLessThan(e);
      expect(lat).toBeGreaterThan(s);
      expect(lat).toBeLessThanOrEqual(n);
      const [px, py] = tileProjector(tile)(lng, lat);
      expect(px).toBeGreaterThanOrEqual(0);
      expect(px).toBeLessThanOrEqual(4096);
      expect(py).toBeGreaterThanOrEqual(0);
      expect(py).toBeLessThanOrEqual(4096);
    }
  });
  it('projects the tile corners to the extent corners', () => {
    const tile = { z: 14, x: 13716, y: 6797 };
    const [w, s, e, n] = tileBounds(tile);
    const project = tileProjector(tile);
    expect(project(w, n)).toEqual([0, 0]);
    expect(project(e, s)).toEqual([4096, 4096]);
  });
  it('grows bounds by a buffer', () => {
    const tile = { z: 14, x: 13716, y: 6797 };
    const [w] = tileBounds(tile);
    const [wb] = tileBounds(tile, 64);
    expect(wb).toBeLessThan(w);
  });
});
