// Register layers of the map workspace (style spec v8), one vector source per register tile layer
// (`/api/tiles/<register>.json`), grouped by the six functions of the layer list. Pure: no DOM, no
// MapLibre at runtime.
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { MessageKey } from '../i18n/messages.js';
import { vectorSource } from './tile-catalog.js';

/** Tile layer ids of the registers (camera-views: the cameras' fields of view). */
export const REGISTER_SOURCES = [
  'people', 'houses', 'premises', 'inspections', 'camera-views', 'cameras', 'guard-posts', 'volunteers',
  'organisations', 'hydrants', 'fire-hazards', 'fire-stations', 'patrol-routes', 'patrol-units', 'checkpoints', 'cases',
] as const;
export type RegisterSource = (typeof REGISTER_SOURCES)[number];

/** Registers that have a REST endpoint (`/api/<register>/<id>`). */
export const REGISTER_IDS = [
  'people', 'houses', 'premises', 'inspections', 'cameras', 'guard-posts', 'volunteers', 'organisations',
  'hydrants', 'fire-hazards', 'fire-stations', 'patrol-units', 'patrol-routes', 'checkpoints', 'cases',
] as const;
export type RegisterId = (typeof REGISTER_IDS)[number];

export function isRegisterId(value: unknown): value is RegisterId {
  return typeof value === 'string' && (REGISTER_IDS as readonly string[]).includes(value);
}

/** The register whose record a feature of this tile source is (camera views are cameras). */
export function registerOfSource(source: unknown): RegisterId | null {
  if (source === 'camera-views') return 'cameras';
  return isRegisterId(source) ? source : null;
}

export const REGISTER_GROUP_IDS = ['population', 'premises', 'resources', 'fire', 'patrol', 'cases'] as const;
export type RegisterGroupId = (typeof REGISTER_GROUP_IDS)[number];

export const REGISTER_GROUP_SOURCES: Readonly<Record<RegisterGroupId, readonly RegisterSource[]>> = {
  population: ['people', 'houses'],
  premises: ['premises', 'inspections'],
  resources: ['camera-views', 'cameras', 'guard-posts', 'volunteers', 'organisations'],
  fire: ['hydrants', 'fire-hazards', 'fire-stations'],
  patrol: ['patrol-routes', 'patrol-units', 'checkpoints'],
  cases: ['cases'],
};

export const TRADE_COLORS: Readonly<Record<string, string>> = {
  hotel: '#1f77b4',
  internet_cafe: '#9467bd',
  entertainment: '#e377c2',
  pawn_second_hand: '#8c564b',
  repair: '#7f7f7f',
  catering: '#ff7f0e',
  hazardous_chemicals: '#d62728',
  retail: '#2ca02c',
  other: '#bcbd22',
};
export const HYDRANT_STATUS_COLORS: Readonly<Record<string, string>> = {
  in_service: '#1a9850',
  faulty: '#f39c12',
  out_of_service: '#c0392b',
};
export const HAZARD_COLORS = { overdue: '#7b1111', major: '#e0301e', general: '#f28e2b', closed: '#9e9e9e' } as const;
export const CASE_TYPE_COLORS: Readonly<Record<string, string>> = {
  safety: '#d7301f',
  person: '#7a0177',
  property: '#0570b0',
  order: '#238443',
  other: '#636363',
};
/** People per building: stops of the fill ramp (count → colour). */
export const PEOPLE_RAMP: ReadonlyArray<readonly [number, string]> = [
  [1, '#fee8c8'],
  [5, '#fdbb84'],
  [15, '#fc8d59'],
  [40, '#e34a33'],
  [100, '#b30000'],
];
export const PATROL_COLOR = '#2457a6';
export const RESOURCE_COLORS = {
  cameraView: '#6baed6',
  camera: '#08519c',
  guardPost: '#54278f',
  volunteer: '#e6550d',
  organisation: '#31a354',
} as const;
export const FIRE_STATION_COLOR = '#b2182b';
export const HOUSE_USE_COLORS: Readonly<Record<string, string>> = { self_occupied: '#8c6d31', rented: '#bd9e39', vacant: '#cedb9c' };
export const INSPECTION_STATUS_COLORS: Readonly<Record<string, string>> = {
  passed: '#1a9850',
  rectification_required: '#f39c12',
  rectified: '#66bd63',
  overdue: '#c0392b',
};

/** Case type from a case code: the GA 240.1 top-level class (first two digits) or the NIBRS group. */
export function caseTypeExpression(): ExpressionSpecification {
  return [
    'match',
    ['slice', ['to-string', ['get', 'code']], 0, 2],
    ['03'], 'safety',
    ['04', '09', '10', '11', '13'], 'person',
    ['05', '12', '20', '22', '23', '24', '26', '27', '28', '29'], 'property',
    ['06', '35', '39', '40', '52', '90'], 'order',
    'other',
  ];
}

/** Same classification as caseTypeExpression, for legends and tests. */
export function caseTypeOf(code: string): keyof typeof CASE_TYPE_COLORS {
  const p = code.slice(0, 2);
  if (p === '03') return 'safety';
  if (['04', '09', '10', '11', '13'].includes(p)) return 'person';
  if (['05', '12', '20', '22', '23', '24', '26', '27', '28', '29'].includes(p)) return 'property';
  if (['06', '35', '39', '40', '52', '90'].includes(p)) return 'order';
  return 'other';
}

function matchColor(input: ExpressionSpecification, table: Readonly<Record<string, string>>, fallback: string): ExpressionSpecification {
  const expr: unknown[] = ['match', input];
  for (const [key, value] of Object.entries(table)) expr.push(key, value);
  expr.push(fallback);
  return expr as ExpressionSpecification;
}

export function registerSources(origin: string): Record<string, SourceSpecification> {
  const out: Record<string, SourceSpecification> = {};
  for (const source of REGISTER_SOURCES) out[source] = vectorSource(origin, source);
  return out;
}

/** Metadata keys on register style layers. */
export const META_MODE = 'beat-atlas:mode';
export const META_CLICKABLE = 'beat-atlas:clickable';

const radius = (base: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 12, base * 0.6, 16, base, 19, base * 1.6];
const stroke = { 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } as const;

/**
 * Cases below z17 arrive as grid cells with `count` (server tiles/tile-clusters.ts): the circle
 * grows with the square root of the count, so its area tells how many; single cases keep radius(5).
 */
const cellRadius = (single: number): ExpressionSpecification => ['case', ['has', 'count'],
  ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 3, 10, 9, 40, 18], single];
// Zoom may only drive a top-level interpolate, so the cell/single choice sits inside each stop.
const CELL_RADIUS: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 12, cellRadius(3), 16, cellRadius(5), 19, cellRadius(8)];

function point(id: string, source: RegisterSource, color: ExpressionSpecification | string, r: number, minzoom?: number): LayerSpecification {
  return {
    id,
    type: 'circle',
    source,
    'source-layer': source,
    ...(minzoom !== undefined ? { minzoom } : {}),
    metadata: { [META_CLICKABLE]: true },
    paint: { 'circle-color': color, 'circle-radius': radius(r), ...stroke },
  } as LayerSpecification;
}

export interface RegisterStyleOptions {
  /** Today as YYYY-MM-DD, to tell overdue fire hazards (deadline before today, not closed). */
  today: string;
}

/** Style layers of every register, bottom to top; drawn above the base map's lines, below its labels. */
export function registerLayers(options: RegisterStyleOptions): LayerSpecification[] {
  const peopleRamp: unknown[] = ['interpolate', ['linear'], ['to-number', ['get', 'people'], 0]];
  for (const [count, color] of PEOPLE_RAMP) peopleRamp.push(count, color);
  const hazardColor: ExpressionSpecification = [
    'case',
    ['==', ['get', 'status'], 'closed'], HAZARD_COLORS.closed,
    ['all', ['has', 'deadline'], ['<', ['to-string', ['get', 'deadline']], options.today]], HAZARD_COLORS.overdue,
    ['==', ['get', 'level'], 'major'], HAZARD_COLORS.major,
    HAZARD_COLORS.general,
  ];
  const caseColor = matchColor(caseTypeExpression(), CASE_TYPE_COLORS, CASE_TYPE_COLORS.other!);
  return [
    {
      id: 'people-fill', type: 'fill', source: 'people', 'source-layer': 'people',
      metadata: { [META_CLICKABLE]: true },
      paint: { 'fill-color': peopleRamp as ExpressionSpecification, 'fill-opacity': 0.75, 'fill-outline-color': '#8c2d04' },
    },
    {
      id: 'camera-views-fill', type: 'fill', source: 'camera-views', 'source-layer': 'camera-views',
      metadata: { [META_CLICKABLE]: true },
      paint: {
        'fill-color': ['match', ['get', 'status'], 'working', RESOURCE_COLORS.cameraView, '#bdbdbd'],
        'fill-opacity': 0.25,
        'fill-outline-color': RESOURCE_COLORS.camera,
      },
    },
    {
      id: 'patrol-routes-line', type: 'line', source: 'patrol-routes', 'source-layer': 'patrol-routes',
      metadata: { [META_CLICKABLE]: true },
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': PATROL_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.5, 17, 4], 'line-dasharray': [2, 1] },
    },
    {
      id: 'cases-heatmap', type: 'heatmap', source: 'cases', 'source-layer': 'cases',
      metadata: { [META_MODE]: 'heatmap' },
      paint: {
        // Below z17 a feature is a grid cell of `count` cases (server tiles/tile-clusters.ts).
        'heatmap-weight': ['interpolate', ['linear'], ['coalesce', ['get', 'count'], 1], 1, 0.15, 40, 1],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 11, 12, 16, 30],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 11, 0.6, 16, 1.5],
        'heatmap-opacity': 0.8,
      },
    },
    point('houses-circle', 'houses', matchColor(['get', 'use'], HOUSE_USE_COLORS, '#999999'), 3, 15),
    point('premises-circle', 'premises', matchColor(['get', 'trade'], TRADE_COLORS, TRADE_COLORS.other!), 5),
    {
      ...point('inspections-circle', 'inspections', '#ffffff', 7),
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': radius(8),
        'circle-stroke-color': matchColor(['get', 'status'], INSPECTION_STATUS_COLORS, '#666666'),
        'circle-stroke-width': 2,
      },
    } as LayerSpecification,
    point('cameras-circle', 'cameras', RESOURCE_COLORS.camera, 4),
    point('guard-posts-circle', 'guard-posts', RESOURCE_COLORS.guardPost, 5),
    point('volunteers-circle', 'volunteers', RESOURCE_COLORS.volunteer, 4),
    point('organisations-circle', 'organisations', RESOURCE_COLORS.organisation, 5),
    point('hydrants-circle', 'hydrants', matchColor(['get', 'status'], HYDRANT_STATUS_COLORS, '#666666'), 5),
    point('fire-hazards-circle', 'fire-hazards', hazardColor, 6),
    point('fire-stations-circle', 'fire-stations', FIRE_STATION_COLOR, 8),
    point('patrol-units-circle', 'patrol-units', PATROL_COLOR, 6),
    point('checkpoints-circle', 'checkpoints', '#ffffff', 4),
    {
      ...point('cases-circle', 'cases', caseColor, 5),
      metadata: { [META_CLICKABLE]: true, [META_MODE]: 'points' },
      // Cells go without the white ring singles have: at a dense z15 view a thousand cells are in
      // sight, and the ring is a second disc to rasterise for each (software GL has no GPU to spare).
      paint: { 'circle-color': caseColor, 'circle-radius': CELL_RADIUS, 'circle-opacity': 0.85, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': ['case', ['has', 'count'], 0, 1] },
    } as LayerSpecification,
  ].map((layer) => (layer.id === 'checkpoints-circle'
    ? { ...layer, paint: { ...(layer as { paint: object }).paint, 'circle-stroke-color': PATROL_COLOR, 'circle-stroke-width': 2 } } as LayerSpecification
    : layer as LayerSpecification));
}

/** Ids of the layers a click or a count looks at (no heatmap). */
export function clickableLayerIds(layers: readonly { id: string; metadata?: unknown }[]): string[] {
  return layers.filter((l) => (l.metadata as Record<string, unknown> | undefined)?.[META_CLICKABLE] === true).map((l) => l.id);
}

/** Whether a layer is shown in the given cases display mode (layers without a mode always are). */
export function layerShownInMode(layer: { metadata?: unknown }, heatmap: boolean): boolean {
  const mode = (layer.metadata as Record<string, unknown> | undefined)?.[META_MODE];
  if (mode === 'heatmap') return heatmap;
  if (mode === 'points') return !heatmap;
  return true;
}

export interface LegendEntry {
  color: string;
  labelKey: MessageKey;
}

/** A small legend per register group. */
export const REGISTER_LEGENDS: Readonly<Record<RegisterGroupId, { titleKey: MessageKey; items: readonly LegendEntry[] }>> = {
  population: {
    titleKey: 'legend.peopleDensity',
    items: [
      { color: PEOPLE_RAMP[0]![1], labelKey: 'legend.people.few' },
      { color: PEOPLE_RAMP[2]![1], labelKey: 'legend.people.some' },
      { color: PEOPLE_RAMP[4]![1], labelKey: 'legend.people.many' },
    ],
  },
  premises: {
    titleKey: 'legend.trade',
    items: [
      { color: TRADE_COLORS.hotel!, labelKey: 'value.trade.hotel' },
      { color: TRADE_COLORS.internet_cafe!, labelKey: 'value.trade.internet_cafe' },
      { color: TRADE_COLORS.catering!, labelKey: 'value.trade.catering' },
      { color: TRADE_COLORS.hazardous_chemicals!, labelKey: 'value.trade.hazardous_chemicals' },
      { color: TRADE_COLORS.retail!, labelKey: 'value.trade.retail' },
      { color: TRADE_COLORS.other!, labelKey: 'value.trade.other' },
    ],
  },
  resources: {
    titleKey: 'legend.resources',
    items: [
      { color: RESOURCE_COLORS.camera, labelKey: 'register.cameras' },
      { color: RESOURCE_COLORS.cameraView, labelKey: 'register.camera-views' },
      { color: RESOURCE_COLORS.guardPost, labelKey: 'register.guard-posts' },
      { color: RESOURCE_COLORS.volunteer, labelKey: 'register.volunteers' },
      { color: RESOURCE_COLORS.organisation, labelKey: 'register.organisations' },
    ],
  },
  fire: {
    titleKey: 'legend.fire',
    items: [
      { color: HYDRANT_STATUS_COLORS.in_service!, labelKey: 'legend.hydrant.in_service' },
      { color: HYDRANT_STATUS_COLORS.out_of_service!, labelKey: 'legend.hydrant.out_of_service' },
      { color: HAZARD_COLORS.major, labelKey: 'legend.hazard.open' },
      { color: HAZARD_COLORS.overdue, labelKey: 'legend.hazard.overdue' },
      { color: FIRE_STATION_COLOR, labelKey: 'register.fire-stations' },
    ],
  },
  patrol: {
    titleKey: 'legend.patrol',
    items: [
      { color: PATROL_COLOR, labelKey: 'register.patrol-units' },
      { color: PATROL_COLOR, labelKey: 'register.patrol-routes' },
      { color: '#ffffff', labelKey: 'register.checkpoints' },
    ],
  },
  cases: {
    titleKey: 'legend.caseType',
    items: (Object.keys(CASE_TYPE_COLORS) as (keyof typeof CASE_TYPE_COLORS)[]).map((type) => ({
      color: CASE_TYPE_COLORS[type]!,
      labelKey: `legend.case.${type}` as MessageKey,
    })),
  },
};

/**
 * The cases source's tile URL for a time range (the server's `?from=&to=`, inclusive days). A range
 * ending before it starts is swapped rather than sent (the server would refuse it).
 */
export function casesTileUrl(origin: string, from?: string, to?: string): string {
  const [a, b] = from && to && from > to ? [to, from] : [from, to];
  const query = new URLSearchParams();
  if (a) query.set('from', a);
  if (b) query.set('to', b);
  const text = query.toString();
  return `${origin}/api/tiles/cases/{z}/{x}/{y}.mvt${text ? `?${text}` : ''}`;
}
