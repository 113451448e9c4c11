/**
 * Make neighbouring polygons share their boundary vertex for vertex.
 *
 * Clipping each Voronoi cell separately leaves T-junctions: a vertex of one community lies in the
 * middle of its neighbour's edge instead of being a vertex of it. That is exact in floating point,
 * but once coordinates are rounded to 7 decimals (about 1 cm) the lone vertex moves off its
 * neighbour's edge and opens slivers of a few square metres between polygons that should share an
 * edge. Snapping near-identical vertices together and inserting every boundary vertex into every
 * edge it lies on makes shared edges identical, so rounding moves both sides the same way.
 */
import { type MultiPolygonXY, type XY, SpatialGrid, distToSegment, segmentBox } from './geometry.js';

/** Vertices closer than this (metres) are the same vertex; a vertex this close to an edge lies on it. */
const TOLERANCE = 0.001;

export function conformPolygons(groups: readonly MultiPolygonXY[]): MultiPolygonXY[] {
  // 1. One canonical vertex per location.
  const canonical: XY[] = [];
  const byCell = new Map<string, XY[]>();
  const cellOf = (x: number, y: number) => `${Math.floor(x / 0.01)}:${Math.floor(y / 0.01)}`;
  const snap = (p: XY): XY => {
    const cx = Math.floor(p[0] / 0.01);
    const cy = Math.floor(p[1] / 0.01);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of byCell.get(`${cx + dx}:${cy + dy}`) ?? []) {
          if (Math.abs(q[0] - p[0]) <= TOLERANCE && Math.abs(q[1] - p[1]) <= TOLERANCE) return q;
        }
      }
    }
    const q: XY = [p[0], p[1]];
    canonical.push(q);
    const key = cellOf(p[0], p[1]);
    const list = byCell.get(key);
    if (list) list.push(q);
    else byCell.set(key, [q]);
    return q;
  };
  const snapped = groups.map((mp) => mp.map((poly) => poly.map((ring) => ring.map(snap))));

  // 2. Insert every vertex lying strictly inside an edge into that edge.
  const index = new SpatialGrid<XY>(200);
  for (const v of canonical) index.insert({ minX: v[0], minY: v[1], maxX: v[0], maxY: v[1] }, v);
  const splitRing = (ring: XY[]): XY[] => {
    const out: XY[] = [];
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i] as XY;
      const b = ring[i + 1] as XY;
      out.push(a);
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      const between: { t: number; v: XY }[] = [];
      for (const v of index.query(segmentBox(a, b, TOLERANCE))) {
        if (v === a || v === b) continue;
        const t = ((v[0] - a[0]) * dx + (v[1] - a[1]) * dy) / len2;
        if (t <= 0 || t >= 1 || distToSegment(v, a, b) > TOLERANCE) continue;
        between.push({ t, v });
      }
      between.sort((p, q) => p.t - q.t);
      for (const { v } of between) out.push(v);
    }
    out.push(ring[ring.length - 1] as XY);
    return out;
  };
  // Fresh arrays per ring so no two rows share coordinate arrays.
  return snapped.map((mp) => mp.map((poly) => poly.map((ring) => splitRing(ring).map(([x, y]) => [x, y] as XY))));
}
