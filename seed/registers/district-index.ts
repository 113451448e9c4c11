/**
 * The generated district, re-indexed for the register generators: buildings with their addresses and
 * metric footprints, streets as metric polylines, and a point → beat lookup.
 *
 * Registers are placed in local metres (the district generator's frame) and projected at the end.
 * Every row must carry the community and beat the database trigger would derive, so a point is only
 * used where that answer is certain: inside a building (buildings keep clear of beat edges), at a
 * standard address, or elsewhere only when `locate` finds it at least CLEARANCE_M from every beat edge.
 */
import type { BuildingUse, StreetKind } from '../../server/db/schema.js';
import {
  type Box, type MultiPolygonXY, type XY, SpatialGrid, boxContains, boxOfMulti, distToSegment, fromLngLat,
  pointInMulti, segmentBox, toLngLat,
} from '../district/geometry.js';
import type { Rng } from '../district/random.js';
import type { DistrictData, StandardAddressRow } from '../district/types.js';
import type { LngLat } from './types.js';

/** Far enough from a beat edge that 7-decimal rounding and PostGIS's arithmetic can't disagree with ours. */
export const CLEARANCE_M = 0.5;

export interface BeatInfo { id: number; communityId: number; stationId: number; officer: string; geom: MultiPolygonXY; box: Box }

export interface StreetInfo { id: number; name: string; kind: StreetKind; line: XY[] }

export interface BuildingInfo {
  id: number;
  use: BuildingUse;
  floors: number;
  compound: string | null;
  streetId: number;
  beatIndex: number;
  /** Corners in order: c0→c1 runs along the building's length, c0→c3 across it. */
  corners: [XY, XY, XY, XY];
  center: XY;
  /** The door (street-front) or building (compound) address row. */
  top: StandardAddressRow;
  rooms: StandardAddressRow[];
}

export interface DistrictIndex {
  data: DistrictData;
  beats: BeatInfo[];
  streets: StreetInfo[];
  buildings: BuildingInfo[];
  /** Index into `beats` of the beat holding `p` with room to spare, or -1 (outside, or too near an edge). */
  locate(p: XY): number;
}

const ll = (p: readonly number[]): XY => fromLngLat(p);
export const project = (p: XY): LngLat => toLngLat(p);

export function indexDistrict(data: DistrictData): DistrictIndex {
  const beats: BeatInfo[] = data.beats.map((b) => {
    const geom: MultiPolygonXY = b.geom.coordinates.map((poly) => poly.map((ring) => ring.map(ll)));
    return { id: b.id, communityId: b.community_id, stationId: b.station_id, officer: b.officer_name ?? '值班民警', geom, box: boxOfMulti(geom) };
  });
  const streets: StreetInfo[] = data.streets.map((s) => ({ id: s.id, name: s.name, kind: s.kind, line: s.geom.coordinates.map(ll) }));

  const byBuilding: { top: StandardAddressRow | null; rooms: StandardAddressRow[] }[] = data.buildings.map(() => ({ top: null, rooms: [] }));
  for (const a of data.standard_addresses) {
    const slot = a.building_id ? byBuilding[a.building_id - 1] : undefined;
    if (!slot) continue;
    if (a.level === 'door' || a.level === 'building') slot.top ??= a;
    else if (a.level === 'room') slot.rooms.push(a);
  }
  const buildings: BuildingInfo[] = data.buildings.map((b, i) => {
    const ring = b.geom.coordinates[0] ?? [];
    const corners = ring.slice(0, 4).map(ll) as [XY, XY, XY, XY];
    const center: XY = [corners.reduce((s, c) => s + c[0], 0) / 4, corners.reduce((s, c) => s + c[1], 0) / 4];
    const slot = byBuilding[i]!;
    if (!slot.top) throw new Error(`building ${b.id} has no door or building address`);
    return {
      id: b.id, use: b.use, floors: b.floors, compound: b.compound, streetId: b.street_id ?? 1, beatIndex: b.beat_id - 1,
      corners, center, top: slot.top, rooms: slot.rooms,
    };
  });

  const beatGrid = new SpatialGrid<number>(300);
  beats.forEach((b, i) => beatGrid.insert(b.box, i));
  const edges = new SpatialGrid<[XY, XY]>(100);
  for (const b of beats) {
    for (const ring of b.geom.flat()) {
      for (let i = 1; i < ring.length; i++) edges.insert(segmentBox(ring[i - 1]!, ring[i]!, CLEARANCE_M), [ring[i - 1]!, ring[i]!]);
    }
  }
  const locate = (p: XY): number => {
    const near: Box = { minX: p[0], minY: p[1], maxX: p[0], maxY: p[1] };
    for (const [a, b] of edges.query(near)) if (distToSegment(p, a, b) < CLEARANCE_M) return -1;
    for (const i of beatGrid.query(near)) {
      const beat = beats[i]!;
      if (boxContains(beat.box, p) && pointInMulti(p, beat.geom)) return i;
    }
    return -1;
  };
  return { data, beats, streets, buildings, locate };
}

/** A uniformly random point inside a building's footprint, `margin` (0–0.5 of each side) in from its walls. */
export function pointInBuilding(rng: Rng, b: BuildingInfo, margin = 0.1): XY {
  const [c0, c1, , c3] = b.corners;
  const u = rng.float(margin, 1 - margin);
  const v = rng.float(margin, 1 - margin);
  return [c0[0] + u * (c1[0] - c0[0]) + v * (c3[0] - c0[0]), c0[1] + u * (c1[1] - c0[1]) + v * (c3[1] - c0[1])];
}

/** Nearest point on a polyline, with the unit tangent there. */
export function nearestOnLine(line: readonly XY[], p: XY): { point: XY; tangent: XY; distance: number } {
  let best = { point: line[0] ?? p, tangent: [1, 0] as XY, distance: Infinity };
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) continue;
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
    const q: XY = [a[0] + t * dx, a[1] + t * dy];
    const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
    if (d < best.distance) {
      const len = Math.sqrt(len2);
      best = { point: q, tangent: [dx / len, dy / len], distance: d };
    }
  }
  return best;
}

/** A uniformly random point in a beat, clear of its edges; null if none turns up (degenerate slivers). */
export function pointInBeat(rng: Rng, index: DistrictIndex, beatIndex: number): XY | null {
  const { box } = index.beats[beatIndex]!;
  for (let attempt = 0; attempt < 200; attempt++) {
    const p: XY = [rng.float(box.minX, box.maxX), rng.float(box.minY, box.maxY)];
    if (index.locate(p) === beatIndex) return p;
  }
  return null;
}

/**
 * Weighted sampling from a fixed list (buildings, hotspots, surnames) in O(log n) per draw. Rng.weighted
 * scans the whole list each time, fine for a handful of options but not for a million draws.
 */
export class WeightedSampler<T> {
  readonly items: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]> = []) {
    for (const [item, weight] of entries) this.add(item, weight);
  }

  /** Items with zero or negative weight are ignored. */
  add(item: T, weight: number): void {
    if (!(weight > 0)) return;
    this.total += weight;
    this.items.push(item);
    this.cumulative.push(this.total);
  }

  get size(): number {
    return this.items.length;
  }

  pick(r: Rng): T {
    if (this.items.length === 0) throw new Error('sampling from an empty set');
    const target = r.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}
