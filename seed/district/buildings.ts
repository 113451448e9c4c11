/**
 * Building footprints along the streets.
 *
 * Each side of each street is cut into lots: shops, mixed blocks, houses, schools and workshops face
 * the street directly; residential compounds (小区) sit behind it as rows of slab blocks or towers.
 * Every footprint is a rectangle aligned with the street where its lot is, and is only kept if it stays
 * clear of every street's carriageway, of the district and beat boundaries (so a building belongs to
 * exactly one beat) and of every building already placed; a uniform grid makes those checks cheap.
 * Lots are tried in a seeded random order until the scale's address budget is used up, which spreads
 * the buildings over the whole district at every scale.
 */
import type { Rng } from './random.js';
import type { NameBook } from './names.js';
import type { StreetPlan } from './streets.js';
import { ROAD_HALF_WIDTH } from './streets.js';
import type { BeatPlan } from './areas.js';
import {
  type Box, type Ring, type XY, SpatialGrid, alongPolyline, boxContains, boxOfMulti, boxOfPoints, convexOverlap,
  pointInMulti, pointInRing, polylineLength, rectCorners, segmentBox, segmentHitsRect,
} from './geometry.js';

export type BuildingUse = 'residential' | 'commercial' | 'mixed' | 'industrial' | 'public';

export interface BuildingProfile {
  /** Stop placing lots once this many standard addresses would exist. */
  targetAddresses: number;
  /** Share of compounds built as high-rise towers rather than walk-up slabs. */
  towerShare: number;
  slabFloors: readonly [number, number];
  towerFloors: readonly [number, number];
  towerRoomsPerFloor: readonly [number, number];
  frontFloors: readonly [number, number];
  commercialFloors: readonly [number, number];
  compoundRows: readonly [number, number];
}

export interface BuildingPlan {
  streetIndex: number;
  side: 1 | -1;
  along: number;
  doorNumber: string;
  compound: string | null;
  buildingNo: string | null;
  use: BuildingUse;
  floors: number;
  units: number;
  /** Rooms per floor in each unit; 0 when the building has no residential rooms. */
  roomsPerFloor: number;
  /** Lowest floor with rooms (mixed blocks keep shops on the ground floor). */
  firstRoomFloor: number;
  center: XY;
  angle: number;
  length: number;
  width: number;
  /** Which local y side (+1 / -1) faces the street. */
  frontSign: 1 | -1;
  corners: XY[];
  beatIndex: number;
}

type LotKind = 'commercial' | 'mixed' | 'house' | 'public' | 'industrial' | 'compound';

interface Lot {
  streetIndex: number;
  side: 1 | -1;
  along: number;
  frontage: number;
  kind: LotKind;
  rng: Rng;
}

const LOT_WEIGHTS: Record<StreetPlan['kind'], readonly (readonly [LotKind, number])[]> = {
  main: [['commercial', 30], ['mixed', 25], ['compound', 30], ['public', 10], ['industrial', 5]],
  secondary: [['compound', 45], ['house', 12], ['mixed', 15], ['commercial', 15], ['public', 6], ['industrial', 7]],
  lane: [['house', 45], ['compound', 20], ['commercial', 20], ['mixed', 5], ['industrial', 10]],
};

const FRONTAGE: Record<LotKind, readonly [number, number]> = {
  commercial: [18, 45], mixed: [24, 50], house: [14, 36], public: [40, 80], industrial: [50, 90], compound: [90, 200],
};

/** Addresses a building contributes: its door/building row, unit rows and room rows. */
export function addressCount(b: Pick<BuildingPlan, 'floors' | 'units' | 'roomsPerFloor' | 'firstRoomFloor'>): number {
  if (b.roomsPerFloor === 0) return 1;
  return 1 + b.units + (b.floors - b.firstRoomFloor + 1) * b.units * b.roomsPerFloor;
}

interface Obstacle { a: XY; b: XY; clearance: number }

/** Cut both sides of every street into candidate lots. Each lot gets its own random stream. */
function planLots(rng: Rng, streets: readonly StreetPlan[]): Lot[] {
  const lots: Lot[] = [];
  streets.forEach((street, streetIndex) => {
    const length = polylineLength(street.line);
    for (const side of [1, -1] as const) {
      let d = rng.float(15, 40);
      for (;;) {
        const kind = rng.weighted(LOT_WEIGHTS[street.kind]);
        const [fMin, fMax] = FRONTAGE[kind];
        const frontage = rng.float(fMin, fMax);
        if (d + frontage > length - 15) break;
        lots.push({ streetIndex, side, along: d + frontage / 2, frontage, kind, rng: rng.fork(`lot:${lots.length}`) });
        d += frontage + rng.float(6, 25);
      }
    }
  });
  return lots;
}

interface Draft {
  use: BuildingUse;
  floors: number;
  units: number;
  roomsPerFloor: number;
  firstRoomFloor: number;
  length: number;
  width: number;
  /** Offsets in the lot frame: along the street, and out from its centreline. */
  du: number;
  dv: number;
}

/** The buildings a lot would hold, before any collision checks. */
function draftLot(lot: Lot, p: BuildingProfile, roadHalf: number): { drafts: Draft[]; compound: boolean } {
  const r = lot.rng;
  const front = (use: BuildingUse, floors: number, units: number, rpf: number, first: number, width: number): Draft => ({
    use, floors, units, roomsPerFloor: rpf, firstRoomFloor: first, length: lot.frontage * r.float(0.75, 0.95), width,
    du: 0, dv: roadHalf + r.float(3, 7) + width / 2,
  });
  switch (lot.kind) {
    case 'commercial':
      return { drafts: [front('commercial', r.int(...p.commercialFloors), 1, 0, 1, r.float(12, 22))], compound: false };
    case 'mixed': {
      const floors = Math.max(3, r.int(...p.frontFloors));
      return { drafts: [front('mixed', floors, r.int(1, 3), 2, 2, r.float(12, 16))], compound: false };
    }
    case 'house':
      return { drafts: [front('residential', r.int(...p.frontFloors), r.int(1, 2), 2, 1, r.float(10, 13))], compound: false };
    case 'public':
      return { drafts: [front('public', r.int(2, 5), 1, 0, 1, r.float(25, 45))], compound: false };
    case 'industrial':
      return { drafts: [front('industrial', r.int(1, 3), 1, 0, 1, r.float(30, 50))], compound: false };
    case 'compound': {
      const tower = r.chance(p.towerShare);
      const units = tower ? r.int(1, 2) : r.int(2, 4);
      const rpf = tower ? r.int(...p.towerRoomsPerFloor) : 2;
      const floors = tower ? r.int(...p.towerFloors) : r.int(...p.slabFloors);
      const length = tower ? units * rpf * 6 + 6 : units * rpf * 8 + 2;
      const width = tower ? r.float(18, 22) : r.float(11, 13);
      const gapU = r.float(8, 16);
      const gapV = tower ? r.float(22, 32) : r.float(14, 22);
      const cols = Math.max(1, Math.floor((lot.frontage + gapU) / (length + gapU)));
      const rows = r.int(...p.compoundRows);
      const used = cols * length + (cols - 1) * gapU;
      const drafts: Draft[] = [];
      for (let row = 0; row < rows; row++) {
        for (let col = 0; col < cols; col++) {
          drafts.push({
            use: 'residential', floors, units, roomsPerFloor: rpf, firstRoomFloor: 1, length, width,
            du: -used / 2 + length / 2 + col * (length + gapU),
            dv: roadHalf + r.float(12, 18) + width / 2 + row * (width + gapV),
          });
        }
      }
      return { drafts, compound: true };
    }
  }
}

export function generateBuildings(
  rng: Rng, names: NameBook, streets: readonly StreetPlan[], outline: Ring, beats: readonly BeatPlan[],
  profile: BuildingProfile,
): BuildingPlan[] {
  // Everything a footprint must keep clear of: carriageways, and every beat edge (which includes the
  // community, sub-district and district boundaries, as beats tile those).
  const obstacles = new SpatialGrid<Obstacle>(100);
  for (const street of streets) {
    const clearance = ROAD_HALF_WIDTH[street.kind] + 1;
    for (let i = 1; i < street.line.length; i++) {
      const a = street.line[i - 1] as XY;
      const b = street.line[i] as XY;
      obstacles.insert(segmentBox(a, b, clearance), { a, b, clearance });
    }
  }
  for (const beat of beats) {
    for (const ring of beat.geom.flat()) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1] as XY;
        const b = ring[i] as XY;
        obstacles.insert(segmentBox(a, b, 2), { a, b, clearance: 2 });
      }
    }
  }
  const beatBoxes = beats.map((b) => boxOfMulti(b.geom));
  const placed = new SpatialGrid<XY[]>(100);
  const GAP = 3;

  const fits = (center: XY, angle: number, length: number, width: number): XY[] | null => {
    if (!pointInRing(center, outline)) return null;
    const corners = rectCorners(center, angle, length, width);
    const box = boxOfPoints(corners);
    const reach: Box = { minX: box.minX - 20, minY: box.minY - 20, maxX: box.maxX + 20, maxY: box.maxY + 20 };
    for (const o of obstacles.query(reach)) {
      if (segmentHitsRect(o.a, o.b, center, angle, length / 2 + o.clearance, width / 2 + o.clearance)) return null;
    }
    const padded = rectCorners(center, angle, length + 2 * GAP, width + 2 * GAP);
    for (const other of placed.query(boxOfPoints(padded))) if (convexOverlap(padded, other)) return null;
    return corners;
  };

  const accepted: { lot: Lot; compound: string | null; buildings: Omit<BuildingPlan, 'doorNumber'>[] }[] = [];
  let total = 0;
  for (const lot of rng.shuffle(planLots(rng, streets))) {
    if (total >= profile.targetAddresses) break;
    const street = streets[lot.streetIndex] as StreetPlan;
    const { point, tangent } = alongPolyline(street.line, lot.along);
    const angle = Math.atan2(tangent[1], tangent[0]);
    // Outward normal on this side of the street.
    const nx = -tangent[1] * lot.side;
    const ny = tangent[0] * lot.side;
    const { drafts, compound } = draftLot(lot, profile, ROAD_HALF_WIDTH[street.kind]);
    const buildings: Omit<BuildingPlan, 'doorNumber'>[] = [];
    for (const d of drafts) {
      const center: XY = [point[0] + tangent[0] * d.du + nx * d.dv, point[1] + tangent[1] * d.du + ny * d.dv];
      const corners = fits(center, angle, d.length, d.width);
      if (!corners) continue;
      const beatIndex = beats.findIndex((b, i) => boxContains(beatBoxes[i] as Box, center) && pointInMulti(center, b.geom));
      if (beatIndex < 0) continue;
      placed.insert(boxOfPoints(corners), corners);
      buildings.push({
        streetIndex: lot.streetIndex, side: lot.side, along: lot.along,
        compound: null, buildingNo: null, use: d.use, floors: d.floors, units: d.units,
        roomsPerFloor: d.roomsPerFloor, firstRoomFloor: d.firstRoomFloor,
        center, angle, length: d.length, width: d.width, frontSign: lot.side === 1 ? -1 : 1, corners, beatIndex,
      });
      total += addressCount(d);
    }
    if (buildings.length === 0) continue;
    const compoundName = compound ? names.compound() : null;
    buildings.forEach((b, i) => {
      b.compound = compoundName;
      b.buildingNo = compound ? String(i + 1) : null;
    });
    accepted.push({ lot, compound: compoundName, buildings });
  }

  // Door numbers run along each street, odd on the left and even on the right, roughly every 10 m
  // like real 门牌 (so numbers skip where there is no frontage). Buildings are listed in that order.
  accepted.sort((x, y) => x.lot.streetIndex - y.lot.streetIndex || x.lot.side - y.lot.side || x.lot.along - y.lot.along);
  const out: BuildingPlan[] = [];
  const last = new Map<string, number>();
  for (const { lot, buildings } of accepted) {
    const key = `${lot.streetIndex}:${lot.side}`;
    const parity = lot.side === 1 ? 1 : 0;
    let n = 2 * Math.floor(lot.along / 20) + (parity === 1 ? 1 : 2);
    const prev = last.get(key) ?? -Infinity;
    if (n <= prev) n = prev + 2;
    last.set(key, n);
    for (const b of buildings) out.push({ ...b, doorNumber: String(n) });
  }
  return out;
}
