import { createPropertyExpression, latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import {
  BASE_LAYERS,
  beatLabelField,
  buildBaseStyle,
  BUILDING_USE_COLORS,
  BUILDING_USES,
  COMMUNITY_PALETTE,
  STYLE_LAYER_IDS,
  styleUrls,
  tileJsonUrl,
} from './base-style.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';

const ORIGIN = 'http://127.0.0.1:3000';
const style = buildBaseStyle({ origin: ORIGIN, officerPrefix: '民警 ' });
const layer = (id: string) => {
  const l = style.layers.find((x) => x.id === id);
  if (!l) throw new Error(`no layer ${id}`);
  return l as unknown as { id: string; type: string; source?: string; 'source-layer'?: string; minzoom?: number; paint?: Record<string, unknown>; layout?: Record<string, unknown>; filter?: unknown };
};

type Spec = Parameters<typeof createPropertyExpression>[1];
const specs = latest as unknown as Record<string, Record<string, Spec>>;

function evaluate(
  kind: 'paint' | 'layout',
  layerId: string,
  property: string,
  zoom: number,
  properties: Record<string, unknown> = {},
  id?: number,
): unknown {
  const l = layer(layerId);
  const value = (kind === 'paint' ? l.paint : l.layout)?.[property];
  const spec = specs[`${kind}_${l.type}`]![property]!;
  const parsed = createPropertyExpression(value as never, spec);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return parsed.value.evaluate({ zoom }, { type: 'Polygon', properties, id } as never);
}

const colorString = (c: unknown) => {
  const { r, g, b } = c as { r: number; g: number; b: number };
  const hex = (v: number) => Math.round(v * 255).toString(16).padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`;
};

describe('buildBaseStyle', () => {
  it('is a valid v8 style', () => {
    expect(style.version).toBe(8);
    const errors = validateStyleMin(style as never);
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('has predictable layer ids in drawing order', () => {
    expect(style.layers.map((l) => l.id)).toEqual([...STYLE_LAYER_IDS]);
    for (const id of ['streets-line', 'streets-label', 'buildings-fill', 'communities-fill', 'beats-outline', 'beats-label', 'district-outline', 'addresses-circle']) {
      expect(STYLE_LAYER_IDS).toContain(id);
    }
  });

  it('has one same-origin vector source per base layer and nothing remote', () => {
    expect(Object.keys(style.sources).sort()).toEqual([...BASE_LAYERS].sort());
    for (const name of BASE_LAYERS) {
      expect(style.sources[name]).toMatchObject({ type: 'vector', tiles: [`${ORIGIN}/api/tiles/${name}/{z}/{x}/{y}.mvt`] });
    }
    expect(style.sprite).toBeUndefined();
    expect(style.glyphs).toBe('local-glyphs://{fontstack}/{range}');
    for (const url of styleUrls(style)) {
      expect(url.startsWith(`${ORIGIN}/`) || url.startsWith('local-glyphs://'), url).toBe(true);
    }
  });

  it('reads each source-layer named after its source', () => {
    for (const l of style.layers) {
      const x = layer(l.id);
      if (x.type === 'background') continue;
      expect(x['source-layer'], l.id).toBe(x.source);
      expect(l.id.startsWith(`${x.source}-`), l.id).toBe(true);
    }
  });

  it('uses only local font stacks for text', () => {
    for (const l of style.layers) {
      if (l.type !== 'symbol') continue;
      const fonts = layer(l.id).layout?.['text-font'];
      expect([FONT_REGULAR, FONT_BOLD], l.id).toContainEqual(fonts);
    }
  });

  it('dashes beat outlines and labels beats with the officer', () => {
    expect(layer('beats-outline').paint?.['line-dasharray']).toEqual([3, 2]);
    const withOfficer = evaluate('layout', 'beats-label', 'text-field', 14, { name: '鼓楼警务区', officer_name: '王伟' }) as {
      sections: Array<{ text: string }>;
    };
    expect(withOfficer.sections.map((s) => s.text).join('')).toBe('鼓楼警务区\n民警 王伟');
    const without = evaluate('layout', 'beats-label', 'text-field', 14, { name: '鼓楼警务区' }) as { sections: Array<{ text: string }> };
    expect(without.sections.map((s) => s.text).join('')).toBe('鼓楼警务区');
    expect(JSON.stringify(beatLabelField('Officer '))).toContain('Officer ');
  });

  it('styles streets by kind: main wider than secondary wider than lanes, casing wider than line', () => {
    for (const z of [11, 13, 15, 17]) {
      const w = (kind: string) => evaluate('paint', 'streets-line', 'line-width', z, { kind }) as number;
      const c = (kind: string) => evaluate('paint', 'streets-casing', 'line-width', z, { kind }) as number;
      expect(w('main')).toBeGreaterThan(w('secondary'));
      expect(w('secondary')).toBeGreaterThan(w('lane'));
      for (const k of ['main', 'secondary', 'lane']) expect(c(k)).toBeGreaterThan(w(k));
    }
    expect(layer('streets-label').layout?.['symbol-placement']).toBe('line');
  });

  it('colours buildings by use and communities from the palette', () => {
    for (const use of BUILDING_USES) {
      expect(colorString(evaluate('paint', 'buildings-fill', 'fill-color', 16, { use }))).toBe(BUILDING_USE_COLORS[use]);
    }
    expect(layer('buildings-outline').minzoom).toBeGreaterThanOrEqual(15);
    const colors = new Set<string>();
    for (let id = 1; id <= 12; id++) colors.add(colorString(evaluate('paint', 'communities-fill', 'fill-color', 13, { name: 'x' }, id)));
    expect(colors.size).toBe(COMMUNITY_PALETTE.length);
    // without a feature id the numeric code is used; garbage still gets a colour
    const byCode = new Set<string>();
    for (let code = 330203001; code <= 330203006; code++) {
      byCode.add(colorString(evaluate('paint', 'communities-fill', 'fill-color', 13, { code: String(code) })));
    }
    expect(byCode.size).toBe(COMMUNITY_PALETTE.length);
    expect(colorString(evaluate('paint', 'communities-fill', 'fill-color', 13, { code: '330203002' }, 1))).toBe(COMMUNITY_PALETTE[1]);
    expect(COMMUNITY_PALETTE).toContain(colorString(evaluate('paint', 'communities-fill', 'fill-color', 13, { code: 'abc' })));
  });

  it('shows addresses only at high zoom', () => {
    expect(layer('addresses-circle').minzoom).toBeGreaterThanOrEqual(15);
    expect(layer('addresses-label').minzoom).toBeGreaterThanOrEqual(16);
  });
});

describe('tileJsonUrl', () => {
  it('makes absolute same-origin TileJSON URLs', () => {
    expect(tileJsonUrl('http://localhost:5173', 'streets')).toBe('http://localhost:5173/api/tiles/streets.json');
    expect(tileJsonUrl('https://atlas.example/', 'beats')).toBe('https://atlas.example/api/tiles/beats.json');
    expect(tileJsonUrl('http://127.0.0.1:3000/some/page?x=1', 'district')).toBe('http://127.0.0.1:3000/api/tiles/district.json');
  });

  it('rejects non-http origins', () => {
    expect(() => tileJsonUrl('file:///tmp', 'streets')).toThrow(TypeError);
    expect(() => tileJsonUrl('not a url', 'streets')).toThrow();
  });
});
