/**
 * Street junctions, found from the street geometries alone: where two streets cross, and where one
 * street ends on another (the T-junctions the district generator grows its side streets into).
 * Cameras go up at junctions, and the busiest main-road crossings double as transit hubs for the
 * case hotspots.
 */
import { type XY, SpatialGrid, distToSegment, lerp, segmentBox, segmentCrossing } from '../district/geometry.js';
import type { StreetInfo } from './district-index.js';

export interface Junction {
  point: XY;
  /** Indices into the street list, ascending, at least two. */
  streets: number[];
}

/** How close a street's end must come to another street to count as meeting it. */
const END_TOLERANCE_M = 3;
/** Junction points closer than this are one junction (wide roads cross over several segments). */
const MERGE_M = 25;

export function findJunctions(streets: readonly StreetInfo[]): Junction[] {
  const segments = new SpatialGrid<{ a: XY; b: XY; street: number }>(150);
  streets.forEach((s, street) => {
    for (let i = 1; i < s.line.length; i++) segments.insert(segmentBox(s.line[i - 1]!, s.line[i]!, END_TOLERANCE_M), { a: s.line[i - 1]!, b: s.line[i]!, street });
  });
  const found: Junction[] = [];
  streets.forEach((s, street) => {
    for (let i = 1; i < s.line.length; i++) {
      const a = s.line[i - 1]!;
      const b = s.line[i]!;
      for (const other of segments.query(segmentBox(a, b))) {
        if (other.street <= street) continue;
        const t = segmentCrossing(a, b, other.a, other.b);
        if (t !== null) found.push({ point: lerp(a, b, t), streets: [street, other.street] });
      }
    }
    for (const end of [s.line[0], s.line.at(-1)]) {
      if (!end) continue;
      for (const other of segments.query(segmentBox(end, end))) {
        if (other.street !== street && distToSegment(end, other.a, other.b) <= END_TOLERANCE_M) {
          found.push({ point: end, streets: [Math.min(street, other.street), Math.max(street, other.street)] });
        }
      }
    }
  });

  const merged: Junction[] = [];
  const near = new SpatialGrid<Junction>(100);
  for (const j of found) {
    const box = segmentBox(j.point, j.point, MERGE_M);
    const same = near.query(box).find((m) => Math.hypot(m.point[0] - j.point[0], m.point[1] - j.point[1]) < MERGE_M);
    if (same) {
      for (const s of j.streets) if (!same.streets.includes(s)) same.streets.push(s);
      same.streets.sort((x, y) => x - y);
      continue;
    }
    const junction = { point: j.point, streets: [...j.streets] };
    merged.push(junction);
    near.insert(segmentBox(j.point, j.point), junction);
  }
  return merged;
}
