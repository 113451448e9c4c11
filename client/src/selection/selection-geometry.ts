// Shapes a selection can be made of, besides drawn ones. Pure.
import type { PolygonGeometry } from '../workspace/api.js';
import type { Bbox } from '../workspace/record-view.js';

/**
 * The map's visible extent as a closed, counter-clockwise polygon (the keyboard's way to a spatial
 * selection: no drawing needed). Clamped to valid longitudes and latitudes; null when it has no area.
 */
export function bboxPolygon([west, south, east, north]: Bbox): PolygonGeometry | null {
  const w = Math.max(-180, west);
  const e = Math.min(180, east);
  const s = Math.max(-90, south);
  const n = Math.min(90, north);
  if (!(w < e && s < n)) return null;
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}
