import { describe, expect, it } from 'vitest';
import { bboxPolygon } from './selection-geometry.js';

describe('bboxPolygon', () => {
  it('is a closed counter-clockwise ring around the extent', () => {
    expect(bboxPolygon([121.5, 29.8, 121.6, 29.9])).toEqual({
      type: 'Polygon', coordinates: [[[121.5, 29.8], [121.6, 29.8], [121.6, 29.9], [121.5, 29.9], [121.5, 29.8]]],
    });
  });

  it('clamps to the world and refuses an extent without area', () => {
    expect(bboxPolygon([-200, -95, 10, 95])!.coordinates[0]![0]).toEqual([-180, -90]);
    expect(bboxPolygon([121.5, 29.8, 121.5, 29.9])).toBeNull();
    expect(bboxPolygon([121.6, 29.8, 121.5, 29.9])).toBeNull();
  });
});
