/**
 * Planar geometry in local metres, and the projection to WGS84 lng/lat.
 *
 * The generator lays the district out on a flat metre grid centred on Haishu (x east, y north) because
 * setbacks, building sizes and spacings are all naturally in metres; only the final rows are projected
 * to [lng, lat]. Over a 10 km district an equirectangular projection is accurate to well under a metre,
 * and being affine it keeps shared polygon edges shared.
 */

export type XY = [number, number];
/** Closed ring: first point repeated last, as in GeoJSON. */
export type Ring = XY[];
/** Outer ring then holes. */
export type PolygonXY = Ring[];
export type MultiPolygonXY = PolygonXY[];
export interface Box { minX: number; minY: number; maxX: number; maxY: number }

export const ORIGIN_LNG = 121.55;
export const ORIGIN_LAT = 29.87;
const M_PER_DEG_LAT = 110_852;
const M_PER_DEG_LNG = 111_320 * Math.cos((ORIGIN_LAT * Math.PI) / 180);

export function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

export function toLngLat(p: XY): [number, number] {
  return [round7(ORIGIN_LNG + p[0] / M_PER_DEG_LNG), round7(ORIGIN_LAT + p[1] / M_PER_DEG_LAT)];
}

export function fromLngLat(p: readonly number[]): XY {
  return [((p[0] ?? 0) - ORIGIN_LNG) * M_PER_DEG_LNG, ((p[1] ?? 0) - ORIGIN_LAT) * M_PER_DEG_LAT];
}

/** Project a ring or line and drop vertices that collapse onto their predecessor after 7-decimal rounding. */
export function pathToLngLat(points: readonly XY[]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of points) {
    const q = toLngLat(p);
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== q[0] || prev[1] !== q[1]) out.push(q);
  }
  return out;
}

export function multiPolygonToLngLat(mp: MultiPolygonXY): [number, number][][][] {
  return mp
    .map((poly) => poly.map(pathToLngLat).filter((r) => r.length >= 4))
    .filter((poly) => poly.length > 0);
}

export function boxOfPoints(points: readonly XY[]): Box {
  const b: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of points) {
    if (x < b.minX) b.minX = x;
    if (y < b.minY) b.minY = y;
    if (x > b.maxX) b.maxX = x;
    if (y > b.maxY) b.maxY = y;
  }
  return b;
}

export function boxOfMulti(mp: MultiPolygonXY): Box {
  return boxOfPoints(mp.flatMap((poly) => poly[0] ?? []));
}

export function boxContains(b: Box, p: XY): boolean {
  return p[0] >= b.minX && p[0] <= b.maxX && p[1] >= b.minY && p[1] <= b.maxY;
}

/** Even–odd ray cast; works for closed or open rings. */
export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as XY;
    const [xj, yj] = ring[j] as XY;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(p: XY, poly: PolygonXY): boolean {
  const [outer, ...holes] = poly;
  if (!outer || !pointInRing(p, outer)) return false;
  return !holes.some((h) => pointInRing(p, h));
}

export function pointInMulti(p: XY, mp: MultiPolygonXY): boolean {
  return mp.some((poly) => pointInPolygon(p, poly));
}

/** Shoelace area of a ring (positive when counter-clockwise). */
export function ringArea(ring: readonly XY[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as XY;
    const [xj, yj] = ring[j] as XY;
    a += (xj - xi) * (yj + yi);
  }
  return -a / 2;
}

export function multiArea(mp: MultiPolygonXY): number {
  let a = 0;
  for (const poly of mp) poly.forEach((ring, i) => (a += (i === 0 ? 1 : -1) * Math.abs(ringArea(ring))));
  return a;
}

export function dist(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export function distToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Parameter t along a→b where it crosses c→d, or null if the segments do not cross. */
export function segmentCrossing(a: XY, b: XY, c: XY, d: XY): number | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const denom = rx * sy - ry * sx;
  if (Math.abs(denom) < 1e-12) return null;
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : null;
}

export function lerp(a: XY, b: XY, t: number): XY {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

export function polylineLength(line: readonly XY[]): number {
  let len = 0;
  for (let i = 1; i < line.length; i++) len += dist(line[i - 1] as XY, line[i] as XY);
  return len;
}

/** Point and unit tangent at distance d along a polyline (clamped to its ends). */
export function alongPolyline(line: readonly XY[], d: number): { point: XY; tangent: XY } {
  let remaining = Math.max(0, d);
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as XY;
    const b = line[i] as XY;
    const seg = dist(a, b);
    if (seg === 0) continue;
    if (remaining <= seg || i === line.length - 1) {
      const t = Math.min(1, remaining / seg);
      return { point: lerp(a, b, t), tangent: [(b[0] - a[0]) / seg, (b[1] - a[1]) / seg] };
    }
    remaining -= seg;
  }
  const p = line[0] ?? [0, 0];
  return { point: [p[0], p[1]], tangent: [1, 0] };
}

/** Corners (counter-clockwise) of a rectangle of `length` along `angle` and `width` across it. */
export function rectCorners(center: XY, angle: number, length: number, width: number): XY[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const hl = length / 2;
  const hw = width / 2;
  return ([[-hl, -hw], [hl, -hw], [hl, hw], [-hl, hw]] as XY[]).map(([u, v]) => [
    center[0] + u * c - v * s,
    center[1] + u * s + v * c,
  ]);
}

/** Separating-axis test for two convex quads given as corner lists. */
export function convexOverlap(a: readonly XY[], b: readonly XY[]): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i] as XY;
      const q = poly[(i + 1) % poly.length] as XY;
      const nx = q[1] - p[1];
      const ny = p[0] - q[0];
      let aMin = Infinity, aMax = -Infinity, bMin = Infinity, bMax = -Infinity;
      for (const [x, y] of a) {
        const v = x * nx + y * ny;
        aMin = Math.min(aMin, v);
        aMax = Math.max(aMax, v);
      }
      for (const [x, y] of b) {
        const v = x * nx + y * ny;
        bMin = Math.min(bMin, v);
        bMax = Math.max(bMax, v);
      }
      if (aMax < bMin || bMax < aMin) return false;
    }
  }
  return true;
}

/**
 * Does segment a→b come within the oriented rectangle (center, angle, half sizes hl × hw)? The segment
 * is moved into the rectangle's frame and clipped against the box (Liang–Barsky).
 */
export function segmentHitsRect(a: XY, b: XY, center: XY, angle: number, hl: number, hw: number): boolean {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const local = (p: XY): XY => {
    const dx = p[0] - center[0];
    const dy = p[1] - center[1];
    return [dx * c + dy * s, -dx * s + dy * c];
  };
  const [x0, y0] = local(a);
  const [x1, y1] = local(b);
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0;
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
    return true;
  };
  return clip(-dx, x0 + hl) && clip(dx, hl - x0) && clip(-dy, y0 + hw) && clip(dy, hw - y0) && t0 <= t1;
}

/**
 * Uniform-grid spatial index over boxes. A quadtree would be overkill: the district is a fixed size and
 * items are all roughly the same size, so a flat grid gives O(1) neighbour queries.
 */
export class SpatialGrid<T> {
  private readonly cells = new Map<number, { box: Box; item: T; stamp: number }[]>();
  private stamp = 0;
  constructor(private readonly cellSize: number) {}

  private keys(b: Box, visit: (key: number) => void): void {
    const x0 = Math.floor(b.minX / this.cellSize);
    const x1 = Math.floor(b.maxX / this.cellSize);
    const y0 = Math.floor(b.minY / this.cellSize);
    const y1 = Math.floor(b.maxY / this.cellSize);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) visit((x + 32768) * 65536 + (y + 32768));
  }

  insert(box: Box, item: T): void {
    const entry = { box, item, stamp: 0 };
    this.keys(box, (k) => {
      const list = this.cells.get(k);
      if (list) list.push(entry);
      else this.cells.set(k, [entry]);
    });
  }

  /** Items whose boxes intersect `box`, each once, in insertion-stable order per cell. */
  query(box: Box): T[] {
    const stamp = ++this.stamp;
    const out: T[] = [];
    this.keys(box, (k) => {
      for (const e of this.cells.get(k) ?? []) {
        if (e.stamp === stamp) continue;
        e.stamp = stamp;
        if (e.box.maxX >= box.minX && e.box.minX <= box.maxX && e.box.maxY >= box.minY && e.box.minY <= box.maxY) {
          out.push(e.item);
        }
      }
    });
    return out;
  }
}

export function segmentBox(a: XY, b: XY, pad = 0): Box {
  return {
    minX: Math.min(a[0], b[0]) - pad,
    minY: Math.min(a[1], b[1]) - pad,
    maxX: Math.max(a[0], b[0]) + pad,
    maxY: Math.max(a[1], b[1]) + pad,
  };
}
