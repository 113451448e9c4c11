import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_SOURCE, highlightData, highlightLayers, highlightSource } from './highlight-style.js';

describe('record highlight', () => {
  it('draws a record\'s geometry', () => {
    const point = { type: 'Point', coordinates: [121.55, 29.87] };
    expect(highlightData('hydrants', point)).toEqual({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: point }] });
  });

  it('draws nothing for people, for no record and for no geometry', () => {
    expect(highlightData('people', { type: 'Point', coordinates: [121.55, 29.87] }).features).toEqual([]);
    expect(highlightData(null, null).features).toEqual([]);
    expect(highlightData('hydrants', null).features).toEqual([]);
    expect(highlightData('hydrants', { type: 'Point' }).features).toEqual([]);
  });

  it('is a valid style fragment', () => {
    const style = { version: 8 as const, sources: { [HIGHLIGHT_SOURCE]: highlightSource() }, layers: highlightLayers() };
    expect(validateStyleMin(style)).toEqual([]);
  });
});
