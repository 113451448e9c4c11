import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../i18n/messages.js';
import { buildWorkspaceStyle, localIsoDate, REGISTER_LAYERS_BEFORE } from './workspace-style.js';
import { casesTileUrl } from './register-style.js';
import {
  caseTypeOf,
  clickableLayerIds,
  REGISTER_GROUP_SOURCES,
  REGISTER_IDS,
  REGISTER_LEGENDS,
  REGISTER_SOURCES,
  registerLayers,
  registerOfSource,
  registerSources,
} from './register-style.js';

describe('register style', () => {
  const layers = registerLayers({ today: '2026-01-15' });

  it('has a same-origin TileJSON source per register tile layer', () => {
    const sources = registerSources('http://127.0.0.1:3000/app');
    expect(Object.keys(sources)).toEqual([...REGISTER_SOURCES]);
    expect(sources.hydrants).toEqual({ type: 'vector', tiles: ['http://127.0.0.1:3000/api/tiles/hydrants/{z}/{x}/{y}.mvt'], minzoom: 12, maxzoom: 16 });
  });

  it('draws every register source, each layer from its own source-layer', () => {
    const drawn = new Set(layers.map((l) => (l as { source: string }).source));
    expect([...drawn].sort()).toEqual([...REGISTER_SOURCES].sort());
    for (const l of layers) expect((l as { 'source-layer': string })['source-layer']).toBe((l as { source: string }).source);
    expect(new Set(layers.map((l) => l.id)).size).toBe(layers.length);
  });

  it('groups every source exactly once and maps sources to registers', () => {
    const grouped = Object.values(REGISTER_GROUP_SOURCES).flat();
    expect(grouped.sort()).toEqual([...REGISTER_SOURCES].sort());
    expect(registerOfSource('camera-views')).toBe('cameras');
    expect(registerOfSource('hydrants')).toBe('hydrants');
    expect(registerOfSource('streets')).toBeNull();
    expect(REGISTER_IDS).toHaveLength(15);
  });

  it('makes every layer but the heatmap clickable', () => {
    const clickable = clickableLayerIds(layers);
    expect(clickable).toContain('hydrants-circle');
    expect(clickable).toContain('people-fill');
    expect(clickable).not.toContain('cases-heatmap');
    expect(clickable).toHaveLength(layers.length - 1);
  });

  it('ramps people per building and marks overdue hazards with today', () => {
    const people = layers.find((l) => l.id === 'people-fill') as { paint: { 'fill-color': unknown[] } };
    expect(people.paint['fill-color'].slice(0, 3)).toEqual(['interpolate', ['linear'], ['to-number', ['get', 'people'], 0]]);
    expect(JSON.stringify(layers.find((l) => l.id === 'fire-hazards-circle'))).toContain('2026-01-15');
  });

  it('classifies case codes by type', () => {
    expect(caseTypeOf('050201')).toBe('property');
    expect(caseTypeOf('030100')).toBe('safety');
    expect(caseTypeOf('040100')).toBe('person');
    expect(caseTypeOf('060300')).toBe('order');
    expect(caseTypeOf('13A')).toBe('person');
    expect(caseTypeOf('zz')).toBe('other');
  });

  it('has legends with catalogue labels', () => {
    for (const legend of Object.values(REGISTER_LEGENDS)) {
      expect(catalogues.zh[legend.titleKey]).toBeTruthy();
      for (const item of legend.items) expect(catalogues.en[item.labelKey], item.labelKey).toBeTruthy();
    }
  });
});

describe('workspace style', () => {
  it('inserts the register layers below the base labels', () => {
    const style = buildWorkspaceStyle({ origin: 'http://127.0.0.1:3000', today: '2026-01-15' });
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('hydrants-circle')).toBeLessThan(ids.indexOf(REGISTER_LAYERS_BEFORE));
    expect(ids.indexOf('hydrants-circle')).toBeGreaterThan(ids.indexOf('addresses-circle'));
    expect(ids.at(-1)).toBe('district-label');
    expect(Object.keys(style.sources)).toContain('cases');
    expect(Object.keys(style.sources)).toContain('streets');
  });

  it('is a valid style, with zoom only at the top of the case cells\' radius', () => {
    const style = buildWorkspaceStyle({ origin: 'http://127.0.0.1:3000', today: '2026-01-15' });
    expect(validateStyleMin(style as never)).toEqual([]);
    const circle = style.layers.find((l) => l.id === 'cases-circle') as { paint: Record<string, unknown> };
    expect(JSON.stringify(circle.paint['circle-radius'])).toContain('"count"');
    const heat = style.layers.find((l) => l.id === 'cases-heatmap') as { paint: Record<string, unknown> };
    expect(JSON.stringify(heat.paint['heatmap-weight'])).toContain('"count"');
  });

  it('builds the cases tile URL for a time range', () => {
    expect(casesTileUrl('http://h')).toBe('http://h/api/tiles/cases/{z}/{x}/{y}.mvt');
    expect(casesTileUrl('http://h', '2024-01-01')).toBe('http://h/api/tiles/cases/{z}/{x}/{y}.mvt?from=2024-01-01');
    expect(casesTileUrl('http://h', '2024-01-01', '2024-03-31')).toBe('http://h/api/tiles/cases/{z}/{x}/{y}.mvt?from=2024-01-01&to=2024-03-31');
    expect(casesTileUrl('http://h', '2024-05-01', '2024-03-31')).toBe('http://h/api/tiles/cases/{z}/{x}/{y}.mvt?from=2024-03-31&to=2024-05-01');
  });

  it('formats local dates', () => {
    expect(localIsoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
