import { describe, expect, it } from 'vitest';
import type { XY } from '../district/geometry.js';
import { cameraView, viewSector } from './generate-cameras.js';

const bearing = (from: XY, to: XY) => ((Math.atan2(to[0] - from[0], to[1] - from[1]) * 180) / Math.PI + 360) % 360;
/** Signed shoelace area: positive for a counter-clockwise ring. */
const signedArea = (ring: readonly XY[]) => ring.slice(1).reduce((a, p, i) => a + (ring[i]![0] * p[1] - p[0] * ring[i]![1]) / 2, 0);
const angleBetween = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

describe('camera view sector', () => {
  it.each([
    [0, 90, 100], [45, 60, 30], [200, 120, 150], [350, 75, 80],
  ])('faces bearing %i with a %i° field of view and %i m range', (direction, fov, range) => {
    const at: XY = [100, -50];
    const ring = viewSector(at, direction, fov, range);
    expect(ring[0]).toEqual(at);
    expect(ring.at(-1)).toEqual(at);
    const arc = ring.slice(1, -1);
    for (const p of arc) {
      expect(Math.hypot(p[0] - at[0], p[1] - at[1])).toBeCloseTo(range, 6);
      expect(angleBetween(bearing(at, p), direction)).toBeLessThanOrEqual(fov / 2 + 1e-6);
    }
    // The arc's ends are the edges of the field of view, its middle the direction faced.
    expect(angleBetween(bearing(at, arc[0]!), direction)).toBeCloseTo(fov / 2, 6);
    expect(angleBetween(bearing(at, arc.at(-1)!), direction)).toBeCloseTo(fov / 2, 6);
    // Counter-clockwise, with the area of a circular sector (less what the chords cut off).
    const area = signedArea(ring);
    const sector = (Math.PI * range * range * fov) / 360;
    expect(area).toBeGreaterThan(0.98 * sector);
    expect(area).toBeLessThanOrEqual(sector);
  });

  it('draws a full circle for a 360° dome camera', () => {
    const ring = viewSector([0, 0], 0, 360, 50);
    expect(ring[0]).toEqual(ring.at(-1));
    expect(ring.slice(0, -1).every((p) => Math.abs(Math.hypot(p[0], p[1]) - 50) < 1e-9)).toBe(true);
    expect(signedArea(ring)).toBeGreaterThan(0.98 * Math.PI * 2500);
  });

  it('north is up and east is right', () => {
    const north = viewSector([0, 0], 0, 10, 100).slice(1, -1);
    const east = viewSector([0, 0], 90, 10, 100).slice(1, -1);
    expect(north.every(([x, y]) => y > 99 && Math.abs(x) < 10)).toBe(true);
    expect(east.every(([x, y]) => x > 99 && Math.abs(y) < 10)).toBe(true);
  });

  it('projects to a closed GeoJSON polygon in lng/lat', () => {
    const view = cameraView([0, 0], 90, 90, 100);
    const ring = view.coordinates[0]!;
    expect(view.type).toBe('Polygon');
    expect(ring[0]).toEqual(ring.at(-1));
    expect(ring[0]).toEqual([121.55, 29.87]);
    // About 100 m east of the origin is about 0.00103° of longitude at this latitude.
    expect(Math.max(...ring.map(([lng]) => lng)) - 121.55).toBeCloseTo(0.00104, 4);
  });
});
