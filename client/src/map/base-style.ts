// The base map style (MapLibre style spec v8), built from the server's per-layer TileJSON endpoints.
// Pure: no DOM, no MapLibre at runtime (type imports only). No remote sources, glyphs or sprites:
// sources are same-origin TileJSON URLs, glyphs come from the local-glyphs:// protocol.
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { FONT_BOLD, FONT_REGULAR, GLYPHS_URL } from './fonts.js';
import { vectorSource } from './tile-catalog.js';

/** Base layer ids, as served by /api/tiles/{layer}.json; each is also the vector source id and the
 * source-layer name. */
export const BASE_LAYERS = ['district', 'communities', 'beats', 'streets', 'buildings', 'addresses'] as const;
export type BaseLayer = (typeof BASE_LAYERS)[number];

export const BUILDING_USES = ['residential', 'commercial', 'mixed', 'industrial', 'public'] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];

export const COLORS = {
  background: '#f3f1ec',
  text: '#2f2b26',
  textMuted: '#5e574c',
  halo: '#ffffff',
  district: '#1b3a5c',
  communityLine: '#a69d8b',
  communityLabel: '#5b5244',
  beat: '#2457a6',
  beatLabel: '#1c4484',
  buildingOutline: '#9c8f7d',
  address: { door: '#8a5a2b', building: '#4f6275', unit: '#9a948a' },
  street: {
    main: '#f8d98e',
    mainCasing: '#d3a54a',
    secondary: '#ffffff',
    secondaryCasing: '#c8c0b1',
    lane: '#ffffff',
    laneCasing: '#d9d2c4',
  },
} as const;

/** Subtle community fill palette (picked by feature id, else numeric code, modulo its length). */
export const COMMUNITY_PALETTE = ['#e6eee0', '#e3eaf3', '#f3eadb', '#ede3ef', '#e0efec', '#f4eed6'] as const;

export const BUILDING_USE_COLORS: Readonly<Record<BuildingUse, string>> = {
  residential: '#e4d6c3',
  commercial: '#f1c5b3',
  mixed: '#e5cfe3',
  industrial: '#cfd6e0',
  public: '#c8e0cb',
};
export const BUILDING_DEFAULT_COLOR = '#dedad2';

/**
 * Every style layer id, in drawing order (bottom to top). Ids are `<base layer>-<role>`, except the
 * background. The browser test and the layer list rely on these.
 */
export const STYLE_LAYER_IDS = [
  'background',
  'communities-fill',
  'communities-outline',
  'buildings-fill',
  'buildings-outline',
  'streets-casing',
  'streets-line',
  'beats-outline',
  'district-halo',
  'district-outline',
  'addresses-circle',
  'addresses-label',
  'buildings-label',
  'streets-label',
  'beats-label',
  'communities-label',
  'district-label',
] as const;
export type StyleLayerId = (typeof STYLE_LAYER_IDS)[number];

export interface BaseStyleOptions {
  /** Absolute origin of the API, e.g. location.origin ("http://127.0.0.1:3000"). */
  origin: string;
  /** Glyph URL template; defaults to the local-glyphs:// protocol. */
  glyphs?: string;
  /** Text put before the officer name in beat labels (from the i18n catalogue). */
  officerPrefix?: string;
}

/** Absolute TileJSON URL of a base layer. Throws on an origin that is not an absolute http(s) URL. */
export function tileJsonUrl(origin: string, layer: BaseLayer): string {
  const base = new URL(origin);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`origin must be http(s): ${origin}`);
  return new URL(`/api/tiles/${encodeURIComponent(layer)}.json`, base.origin).href;
}

type Num = DataDrivenPropertyValueSpecification<number>;

const kind: ExpressionSpecification = ['get', 'kind'];

/** Zoom-interpolated street width by kind: stops are [zoom, main, secondary, lane]. */
function widthByKind(stops: ReadonlyArray<readonly [number, number, number, number]>, extra: (z: number) => number = () => 0): Num {
  const expr: unknown[] = ['interpolate', ['exponential', 1.6], ['zoom']];
  for (const [z, main, secondary, lane] of stops) {
    const e = extra(z);
    expr.push(z, ['match', kind, 'main', main + e, 'secondary', secondary + e, lane + e]);
  }
  return expr as ExpressionSpecification;
}

const STREET_WIDTHS = [
  [10, 1.2, 0.6, 0.2],
  [13, 3, 1.6, 0.6],
  [15, 7, 4.5, 2],
  [17, 16, 10, 5],
  [19, 36, 22, 11],
] as const;

const casingExtra = (z: number): number => (z <= 11 ? 0.6 : z <= 13 ? 1.2 : z <= 15 ? 2 : 3);

function matchColor(input: ExpressionSpecification, table: Readonly<Record<string, string>>, fallback: string): ExpressionSpecification {
  const expr: unknown[] = ['match', input];
  for (const [key, value] of Object.entries(table)) expr.push(key, value);
  expr.push(fallback);
  return expr as ExpressionSpecification;
}

const hasText = (prop: string): FilterSpecification => ['all', ['has', prop], ['!=', ['to-string', ['get', prop]], '']];

/** Beat label: beat name, then the officer in smaller blue text when known. */
export function beatLabelField(officerPrefix = ''): ExpressionSpecification {
  return [
    'case',
    ['all', ['has', 'officer_name'], ['!=', ['to-string', ['get', 'officer_name']], '']],
    [
      'format',
      ['to-string', ['get', 'name']],
      {},
      '\n',
      {},
      ['concat', officerPrefix, ['to-string', ['get', 'officer_name']]],
      { 'font-scale': 0.82, 'text-color': COLORS.beat },
    ],
    ['format', ['to-string', ['get', 'name']], {}],
  ];
}

function sources(origin: string): StyleSpecification['sources'] {
  const out: StyleSpecification['sources'] = {};
  for (const layer of BASE_LAYERS) {
    out[layer] = vectorSource(origin, layer);
  }
  return out;
}

function layers(officerPrefix: string): LayerSpecification[] {
  const communityIndex: ExpressionSpecification = [
    '%',
    // The MVT feature id (database id); the community code as a fallback.
    // (`['id']` may be undefined rather than null, so test its type instead of using coalesce.)
    ['abs', ['round', ['case', ['==', ['typeof', ['id']], 'number'], ['id'], ['to-number', ['get', 'code'], 0]]]],
    COMMUNITY_PALETTE.length,
  ];
  const communityColor: unknown[] = ['match', communityIndex];
  COMMUNITY_PALETTE.forEach((color, i) => {
    if (i > 0) communityColor.push(i, color);
  });
  communityColor.push(COMMUNITY_PALETTE[0]);

  const halo = { 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5, 'text-halo-blur': 0.5 };

  return [
    { id: 'background', type: 'background', paint: { 'background-color': COLORS.background } },
    {
      id: 'communities-fill',
      type: 'fill',
      source: 'communities',
      'source-layer': 'communities',
      paint: {
        'fill-color': communityColor as ExpressionSpecification,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.95, 15, 0.7, 17, 0.45],
        'fill-antialias': false,
      },
    },
    {
      id: 'communities-outline',
      type: 'line',
      source: 'communities',
      'source-layer': 'communities',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.communityLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 14, 1, 17, 1.6],
        'line-opacity': 0.8,
      },
    },
    {
      id: 'buildings-fill',
      type: 'fill',
      source: 'buildings',
      'source-layer': 'buildings',
      minzoom: 13,
      paint: {
        'fill-color': matchColor(['get', 'use'], BUILDING_USE_COLORS, BUILDING_DEFAULT_COLOR),
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 13, 0.55, 15, 0.85, 17, 0.95],
      },
    },
    {
      id: 'buildings-outline',
      type: 'line',
      source: 'buildings',
      'source-layer': 'buildings',
      minzoom: 15.5,
      paint: {
        'line-color': COLORS.buildingOutline,
        'line-width': ['interpolate', ['linear'], ['zoom'], 15.5, 0.4, 18, 1.1],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 15.5, 0, 16.5, 0.9],
      },
    },
    {
      id: 'streets-casing',
      type: 'line',
      source: 'streets',
      'source-layer': 'streets',
      layout: {
        'line-join': 'round',
        'line-cap': 'round',
        'line-sort-key': ['match', kind, 'main', 3, 'secondary', 2, 1],
      },
      paint: {
        'line-color': matchColor(
          kind,
          { main: COLORS.street.mainCasing, secondary: COLORS.street.secondaryCasing },
          COLORS.street.laneCasing,
        ),
        'line-width': widthByKind(STREET_WIDTHS, casingExtra),
      },
    },
    {
      id: 'streets-line',
      type: 'line',
      source: 'streets',
      'source-layer': 'streets',
      layout: {
        'line-join': 'round',
        'line-cap': 'round',
        'line-sort-key': ['match', kind, 'main', 3, 'secondary', 2, 1],
      },
      paint: {
        'line-color': matchColor(kind, { main: COLORS.street.main, secondary: COLORS.street.secondary }, COLORS.street.lane),
        'line-width': widthByKind(STREET_WIDTHS),
      },
    },
    {
      id: 'beats-outline',
      type: 'line',
      source: 'beats',
      'source-layer': 'beats',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.beat,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.7, 14, 1.3, 17, 2],
        'line-dasharray': [3, 2],
        // Neighbouring beats share edges; drawn twice with different dash phases they would look solid.
        // Offsetting inward (exterior rings are clockwise on screen, so positive = inside) gives each
        // beat its own dashed edge.
        'line-offset': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 14, 1.4, 17, 2.4],
        'line-opacity': 0.85,
      },
    },
    {
      id: 'district-halo',
      type: 'line',
      source: 'district',
      'source-layer': 'district',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.district,
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 4, 13, 8, 16, 12],
        'line-opacity': 0.12,
        'line-blur': 2,
      },
    },
    {
      id: 'district-outline',
      type: 'line',
      source: 'district',
      'source-layer': 'district',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.district,
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 13, 2.5, 16, 3.5],
      },
    },
    {
      id: 'addresses-circle',
      type: 'circle',
      source: 'addresses',
      'source-layer': 'addresses',
      minzoom: 16,
      paint: {
        'circle-color': matchColor(['get', 'level'], COLORS.address, COLORS.address.door),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 16, 1.8, 18, 3.5, 20, 5],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 16, 0.5, 18, 1.2],
        'circle-opacity': ['interpolate', ['linear'], ['zoom'], 16, 0.6, 17, 1],
        'circle-stroke-opacity': ['interpolate', ['linear'], ['zoom'], 16, 0.6, 17, 1],
      },
    },
    {
      id: 'addresses-label',
      type: 'symbol',
      source: 'addresses',
      'source-layer': 'addresses',
      minzoom: 17.5,
      filter: hasText('label'),
      layout: {
        'text-field': ['to-string', ['get', 'label']],
        'text-font': FONT_REGULAR,
        'text-size': ['interpolate', ['linear'], ['zoom'], 17.5, 10, 20, 12],
        'text-anchor': 'top',
        'text-offset': [0, 0.6],
        'text-max-width': 8,
        'text-padding': 1,
      },
      paint: { 'text-color': COLORS.address.door, ...halo },
    },
    {
      id: 'buildings-label',
      type: 'symbol',
      source: 'buildings',
      'source-layer': 'buildings',
      minzoom: 16.5,
      filter: hasText('label'),
      layout: {
        'text-field': ['to-string', ['get', 'label']],
        'text-font': FONT_REGULAR,
        'text-size': ['interpolate', ['linear'], ['zoom'], 16.5, 10, 19, 13],
        'text-max-width': 6,
        'text-padding': 2,
      },
      paint: { 'text-color': COLORS.textMuted, ...halo },
    },
    {
      id: 'streets-label',
      type: 'symbol',
      source: 'streets',
      'source-layer': 'streets',
      minzoom: 12,
      filter: hasText('name'),
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': ['interpolate', ['linear'], ['zoom'], 13, 250, 18, 400],
        'symbol-sort-key': ['match', kind, 'main', 1, 'secondary', 2, 3],
        'text-field': ['to-string', ['get', 'name']],
        'text-font': FONT_REGULAR,
        'text-size': [
          'interpolate',
          ['linear'],
          ['zoom'],
          12,
          ['match', kind, 'main', 10, 9],
          15,
          ['match', kind, 'main', 13, 'secondary', 12, 11],
          18,
          ['match', kind, 'main', 16, 'secondary', 14, 13],
        ],
        'text-max-angle': 30,
        'text-padding': 4,
        'text-letter-spacing': 0.05,
      },
      paint: { 'text-color': COLORS.text, ...halo, 'text-halo-width': 1.8 },
    },
    {
      id: 'beats-label',
      type: 'symbol',
      source: 'beats',
      'source-layer': 'beats',
      minzoom: 12,
      filter: hasText('name'),
      layout: {
        'text-field': beatLabelField(officerPrefix),
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 12, 11, 15, 13, 18, 15],
        'text-max-width': 10,
        'text-line-height': 1.3,
        'text-padding': 6,
        // Beats usually share their centre with the community label: let the beat label move aside.
        'text-variable-anchor': ['top', 'bottom', 'left', 'right', 'center'],
        'text-radial-offset': 1.4,
        'text-justify': 'auto',
      },
      paint: { 'text-color': COLORS.beatLabel, ...halo, 'text-halo-width': 2 },
    },
    {
      id: 'communities-label',
      type: 'symbol',
      source: 'communities',
      'source-layer': 'communities',
      minzoom: 11,
      maxzoom: 16,
      filter: hasText('name'),
      layout: {
        'text-field': ['to-string', ['get', 'name']],
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 11, 13, 13, 15, 15],
        'text-letter-spacing': 0.12,
        'text-max-width': 8,
        'text-padding': 8,
      },
      paint: {
        'text-color': COLORS.communityLabel,
        ...halo,
        'text-opacity': ['interpolate', ['linear'], ['zoom'], 15, 1, 16, 0.6],
      },
    },
    {
      id: 'district-label',
      type: 'symbol',
      source: 'district',
      'source-layer': 'district',
      maxzoom: 12.5,
      filter: hasText('name'),
      layout: {
        'text-field': ['to-string', ['get', 'name']],
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 14, 12, 20],
        'text-letter-spacing': 0.3,
        'text-max-width': 10,
      },
      paint: { 'text-color': COLORS.district, ...halo, 'text-halo-width': 2 },
    },
  ];
}

export function buildBaseStyle(options: BaseStyleOptions): StyleSpecification {
  return {
    version: 8,
    name: 'Beat Atlas base',
    metadata: { 'beat-atlas:version': 1 },
    glyphs: options.glyphs ?? GLYPHS_URL,
    sources: sources(options.origin),
    layers: layers(options.officerPrefix ?? ''),
  };
}

/** Collects every http(s) URL mentioned in a style (sources, glyphs, sprite), for tests and checks. */
export function styleUrls(style: StyleSpecification): string[] {
  const urls: string[] = [];
  if (style.glyphs) urls.push(style.glyphs);
  const sprite = style.sprite;
  if (typeof sprite === 'string') urls.push(sprite);
  else if (Array.isArray(sprite)) for (const s of sprite) urls.push(s.url);
  for (const source of Object.values(style.sources)) {
    const s = source as { url?: string; tiles?: string[]; data?: unknown };
    if (s.url) urls.push(s.url);
    if (s.tiles) urls.push(...s.tiles);
    if (typeof s.data === 'string') urls.push(s.data);
  }
  return urls;
}
