// The chosen record drawn over the map (a ring around a point, a halo along a line or outline), so a
// search hit or a link is "selected" where it lies. People are never drawn as individual points: a
// person has no highlight (the map flies to their place). Pure: no DOM, no MapLibre at runtime.
import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';

export const HIGHLIGHT_SOURCE = 'record-highlight';
export const HIGHLIGHT_COLOR = '#f4c542';
const HALO_COLOR = '#16324f';

/** Registers whose records are never drawn one by one (see the people tile layer: counts only). */
const NEVER_DRAWN: ReadonlySet<string> = new Set(['people']);

type Geometry = { type: string; coordinates: unknown };

export function highlightSource(data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] }): GeoJSONSourceSpecification {
  return { type: 'geojson', data };
}

/** The record's geometry as the highlight's data; empty for none, for people, or without a geometry. */
export function highlightData(register: string | null, geometry: unknown): GeoJSON.FeatureCollection {
  const g = geometry as Geometry | null | undefined;
  if (!register || NEVER_DRAWN.has(register) || !g || typeof g.type !== 'string' || !('coordinates' in g)) {
    return { type: 'FeatureCollection', features: [] };
  }
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: g as GeoJSON.Geometry }] };
}

/** Layers drawn on top of everything (they add no clickable layer). */
export function highlightLayers(): LayerSpecification[] {
  return [
    {
      id: 'record-highlight-line', type: 'line', source: HIGHLIGHT_SOURCE,
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': HIGHLIGHT_COLOR, 'line-width': 5, 'line-opacity': 0.9 },
    },
    {
      id: 'record-highlight-point', type: 'circle', source: HIGHLIGHT_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': HIGHLIGHT_COLOR, 'circle-stroke-width': 4,
      },
    },
    {
      id: 'record-highlight-halo', type: 'circle', source: HIGHLIGHT_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 17, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': HALO_COLOR, 'circle-stroke-width': 1.5 },
    },
  ];
}
