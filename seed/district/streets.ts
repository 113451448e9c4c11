/**
 * The street network: a handful of long main roads crossing the district, secondary roads grown off
 * them, and short lanes branching off those.
 *
 * Main roads are straight-ish lines with a couple of long sine waves added, so they bend gently the
 * way arterials do. Secondary roads and lanes are grown as random walks from a point on an existing
 * road, roughly perpendicular to it, until they run into another road (a T-junction), leave the
 * district or reach their length; a walk that would run alongside an existing road too closely is
 * stopped, so streets keep a believable spacing. The result is irregular, never a grid.
 */
import type { Rng } from './random.js';
import type { NameBook, RoadKind } from './names.js';
import {
  type Ring, type XY, SpatialGrid, alongPolyline, distToSegment, lerp, pointInRing, polylineLength,
  segmentBox, segmentCrossing,
} from './geometry.js';

export interface StreetPlan {
  name: string;
  kind: RoadKind;
  line: XY[];
}

export interface StreetOptions {
  mainRoads: number;
  secondaryRoads: number;
  lanes: number;
}

/** Half the carriageway plus pavement: buildings keep at least this far from the centreline. */
export const ROAD_HALF_WIDTH: Record<RoadKind, number> = { main: 16, secondary: 10, lane: 4.5 };

interface Segment { a: XY; b: XY; road: number }

/** Every street segment laid so far, for crossing and spacing queries while growing new streets. */
class RoadIndex {
  private readonly grid = new SpatialGrid<Segment>(200);
  readonly lines: XY[][] = [];

  add(line: XY[]): number {
    const road = this.lines.length;
    this.lines.push(line);
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1] as XY;
      const b = line[i] as XY;
      this.grid.insert(segmentBox(a, b), { a, b, road });
    }
    return road;
  }

  /** Nearest crossing of a→b with an existing street, ignoring `ignore`. */
  firstCrossing(a: XY, b: XY, ignore: number): { point: XY; road: number } | null {
    let best: { t: number; road: number } | null = null;
    for (const s of this.grid.query(segmentBox(a, b))) {
      if (s.road === ignore) continue;
      const t = segmentCrossing(a, b, s.a, s.b);
      if (t !== null && (!best || t < best.t)) best = { t, road: s.road };
    }
    return best ? { point: lerp(a, b, best.t), road: best.road } : null;
  }

  /**
   * Is there a street within `radius` of p running roughly parallel to `heading`? Perpendicular streets
   * are fine to approach: that is how a T-junction forms.
   */
  parallelWithin(p: XY, heading: number, radius: number, ignore: number): boolean {
    const hx = Math.cos(heading);
    const hy = Math.sin(heading);
    for (const s of this.grid.query(segmentBox(p, p, radius))) {
      if (s.road === ignore || distToSegment(p, s.a, s.b) >= radius) continue;
      const dx = s.b[0] - s.a[0];
      const dy = s.b[1] - s.a[1];
      const cos = Math.abs(dx * hx + dy * hy) / (Math.hypot(dx, dy) || 1);
      if (cos > 0.6) return true;
    }
    return false;
  }
}

/** Split a polyline by a ring and keep the longest piece inside it. */
function clipToRing(line: readonly XY[], ring: Ring): XY[] {
  const pieces: XY[][] = [];
  let current: XY[] = [];
  for (let i = 0; i < line.length; i++) {
    const p = line[i] as XY;
    const inside = pointInRing(p, ring);
    if (i > 0) {
      const prev = line[i - 1] as XY;
      const cuts: number[] = [];
      for (let k = 1; k < ring.length; k++) {
        const t = segmentCrossing(prev, p, ring[k - 1] as XY, ring[k] as XY);
        if (t !== null) cuts.push(t);
      }
      cuts.sort((x, y) => x - y);
      for (const t of cuts) {
        const q = lerp(prev, p, t);
        if (current.length > 0) {
          current.push(q);
          pieces.push(current);
          current = [];
        } else {
          current = [q];
        }
      }
    }
    if (inside) current.push(p);
  }
  if (current.length > 1) pieces.push(current);
  let best: XY[] = [];
  for (const piece of pieces) if (polylineLength(piece) > polylineLength(best)) best = piece;
  return best;
}

/** A long, gently bending road through (cx, cy) at `angle`, before clipping. */
function mainRoadLine(rng: Rng, center: XY, angle: number): XY[] {
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const waves = [
    { amp: rng.float(80, 260), len: rng.float(5000, 9000), phase: rng.float(0, 2 * Math.PI) },
    { amp: rng.float(15, 60), len: rng.float(1200, 2500), phase: rng.float(0, 2 * Math.PI) },
  ];
  const line: XY[] = [];
  for (let s = -7000; s <= 7000; s += 80) {
    let lateral = 0;
    for (const w of waves) lateral += w.amp * Math.sin((2 * Math.PI * s) / w.len + w.phase);
    line.push([center[0] + ux * s - uy * lateral, center[1] + uy * s + ux * lateral]);
  }
  return line;
}

interface GrowOptions {
  parents: number[];
  minLen: number;
  maxLen: number;
  step: number;
  spacing: number;
  curviness: number;
  /** May a street cross another one before it is long enough to stop? */
  mayCross: boolean;
}

/** Grow one street off an existing one; null if it came out too short. */
function growStreet(rng: Rng, index: RoadIndex, outline: Ring, o: GrowOptions): XY[] | null {
  const weights = o.parents.map((r) => [r, polylineLength(index.lines[r] as XY[])] as const);
  const parent = rng.weighted(weights);
  const parentLine = index.lines[parent] as XY[];
  const along = polylineLength(parentLine) * rng.float(0.06, 0.94);
  const { point, tangent } = alongPolyline(parentLine, along);
  const side = rng.chance(0.5) ? 1 : -1;
  let heading = Math.atan2(tangent[1], tangent[0]) + side * (Math.PI / 2 + rng.float(-0.4, 0.4));
  const line: XY[] = [point];
  let length = 0;
  let cur = point;
  while (length < o.maxLen) {
    heading += rng.normal(0, o.curviness);
    const next: XY = [cur[0] + Math.cos(heading) * o.step, cur[1] + Math.sin(heading) * o.step];
    if (!pointInRing(next, outline)) break;
    // Near its start the street is still touching its parent; ignore that one there.
    const crossing = index.firstCrossing(cur, next, length < 3 * o.step ? parent : -1);
    if (crossing && !(length < o.minLen && o.mayCross)) {
      if (length < o.minLen) return null;
      line.push(crossing.point);
      return line;
    }
    if (length > o.spacing && index.parallelWithin(next, heading, o.spacing, -1)) break;
    line.push(next);
    cur = next;
    length += o.step;
  }
  return length >= o.minLen ? line : null;
}

export function generateStreets(rng: Rng, names: NameBook, outline: Ring, o: StreetOptions): StreetPlan[] {
  const index = new RoadIndex();
  const streets: StreetPlan[] = [];

  // Main roads come in two families (roughly east–west and roughly north–south) sharing a tilt, so
  // members of a family do not cross each other at shallow angles; a fifth or later one runs diagonally.
  const ewCount = Math.ceil(Math.min(o.mainRoads, 4) / 2);
  const nsCount = Math.min(o.mainRoads, 4) - ewCount;
  const ewTilt = rng.float(-0.2, 0.2);
  const nsTilt = Math.PI / 2 + rng.float(-0.2, 0.2);
  const plans: { center: XY; angle: number }[] = [];
  for (let k = 0; k < ewCount; k++) {
    const y = -2400 + ((k + 0.5) * 4800) / ewCount + rng.float(-250, 250);
    plans.push({ center: [rng.float(-500, 500), y], angle: ewTilt + rng.float(-0.06, 0.06) });
  }
  for (let k = 0; k < nsCount; k++) {
    const x = -3600 + ((k + 0.5) * 7200) / nsCount + rng.float(-400, 400);
    plans.push({ center: [x, rng.float(-400, 400)], angle: nsTilt + rng.float(-0.06, 0.06) });
  }
  for (let k = 4; k < o.mainRoads; k++) {
    const diagonal = (k % 2 === 0 ? 1 : -1) * (Math.PI / 4 + rng.float(-0.15, 0.15));
    plans.push({ center: [rng.float(-2500, 2500), rng.float(-1500, 1500)], angle: diagonal });
  }
  for (const plan of plans) {
    const line = clipToRing(mainRoadLine(rng, plan.center, plan.angle), outline);
    if (polylineLength(line) < 1000) continue;
    index.add(line);
    streets.push({ name: names.road('main'), kind: 'main', line });
  }

  const grow = (kind: RoadKind, count: number, opts: Omit<GrowOptions, 'parents'>, parentKinds: RoadKind[]) => {
    let made = 0;
    for (let attempt = 0; made < count && attempt < count * 25; attempt++) {
      const parents = streets.flatMap((s, i) => (parentKinds.includes(s.kind) ? [i] : []));
      const line = growStreet(rng, index, outline, { ...opts, parents });
      if (!line) continue;
      index.add(line);
      streets.push({ name: names.road(kind), kind, line });
      made++;
    }
  };
  grow('secondary', o.secondaryRoads,
    { minLen: 500, maxLen: 3200, step: 40, spacing: 170, curviness: 0.035, mayCross: true }, ['main', 'secondary']);
  grow('lane', o.lanes,
    { minLen: 90, maxLen: 420, step: 20, spacing: 55, curviness: 0.05, mayCross: false }, ['main', 'secondary', 'lane']);
  return streets;
}
