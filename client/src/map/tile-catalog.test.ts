import { describe, expect, it } from 'vitest';
import { TILE_LAYERS } from '../../../server/tiles/tile-layers.js';
import { TILE_CATALOG, tileUrlTemplate, vectorSource } from './tile-catalog.js';

describe('tile catalog', () => {
  it('has every server layer with the server\'s zooms, and nothing else', () => {
    const server = Object.fromEntries(TILE_LAYERS.map((layer) => [layer.id, { minzoom: layer.minzoom, maxzoom: layer.maxzoom }]));
    expect(TILE_CATALOG).toEqual(server);
  });

  it('writes sources with their tile URL inline', () => {
    expect(vectorSource('http://127.0.0.1:3000/some/page', 'cases')).toEqual({
      type: 'vector', tiles: ['http://127.0.0.1:3000/api/tiles/cases/{z}/{x}/{y}.mvt'], minzoom: 11, maxzoom: 18,
    });
    expect(() => tileUrlTemplate('file:///tmp', 'streets')).toThrow(TypeError);
    expect(() => vectorSource('http://a.b', 'rivers')).toThrow(/unknown tile layer/);
  });
});
