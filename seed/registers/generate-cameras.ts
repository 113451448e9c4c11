/**
 * 视频监控: cameras at street junctions and along main roads (public security and traffic), at
 * residential compounds (community) and in a few shops (private).
 *
 * A junction camera stands at one corner of the junction, just outside the carriageway, and looks
 * across it; road cameras stand on the pavement and look along the road. Street positions are kept
 * only where the beat is certain (see `locate`); compound and shop cameras sit inside their building.
 * Each camera's `view` is its field-of-view sector (`viewSector`).
 */
import { type XY, alongPolyline, pathToLngLat, polylineLength } from '../district/geometry.js';
import type { Rng } from '../district/random.js';
import { ROAD_HALF_WIDTH } from '../district/streets.js';
import { type DistrictIndex, pointInBuilding, project } from './district-index.js';
import type { Junction } from './junctions.js';
import type { Provenance } from './provenance.js';
import { landline, mobilePhone } from './identities.js';
import type { CameraRow, PremisesRow } from './types.js';

// ---- field of view ------------------------------------------------------------------------------
// A camera's view is the circular sector from its position, centred on the direction it faces, `fov`
// degrees wide and `range` metres deep (a full disc for 360° domes). The map draws it, and spatial
// queries ("which cameras see this address") intersect it.

/** Largest angle between neighbouring arc vertices; 10° keeps a 150 m arc within 0.6 m of the true circle. */
const MAX_STEP_DEG = 10;

/**
 * Closed counter-clockwise ring in local metres (x east, y north). `directionDeg` is a compass bearing:
 * 0 faces north, 90 east.
 */
export function viewSector(position: XY, directionDeg: number, fovDeg: number, rangeM: number): XY[] {
  const at = (bearingDeg: number): XY => {
    const b = (bearingDeg * Math.PI) / 180;
    return [position[0] + rangeM * Math.sin(b), position[1] + rangeM * Math.cos(b)];
  };
  if (fovDeg >= 360) {
    const n = 360 / MAX_STEP_DEG;
    // Decreasing bearing runs counter-clockwise.
    const ring = Array.from({ length: n }, (_, i) => at(360 - i * MAX_STEP_DEG));
    return [...ring, ring[0]!];
  }
  const steps = Math.max(1, Math.ceil(fovDeg / MAX_STEP_DEG));
  const arc = Array.from({ length: steps + 1 }, (_, i) => at(directionDeg + fovDeg / 2 - (i * fovDeg) / steps));
  return [position, ...arc, position];
}

/** The sector as a GeoJSON Polygon in [lng, lat], rounded to 7 decimals like every other geometry. */
export function cameraView(position: XY, directionDeg: number, fovDeg: number, rangeM: number): { type: 'Polygon'; coordinates: [number, number][][] } {
  return { type: 'Polygon', coordinates: [pathToLngLat(viewSector(position, directionDeg, fovDeg, rangeM))] };
}

// ---- placement --------------------------------------------------------------------------------------

const STATUS = [['working', 88], ['faulty', 7], ['offline', 5]] as const;
const MAIN_ROAD_SPACING_M: readonly [number, number] = [250, 420];
const PRIVATE_SHARE = 0.03;

const bearingOf = (from: XY, to: XY): number => ((Math.atan2(to[0] - from[0], to[1] - from[1]) * 180) / Math.PI + 360) % 360;
const norm = (deg: number): number => ((Math.round(deg) % 360) + 360) % 360;

interface Draft { point: XY; beatIndex: number; addressId: number | null; name: string; kind: CameraRow['kind']; direction: number; fov: number; range: number; owner: string }

export function generateCameras(
  r: Rng, prov: Provenance, index: DistrictIndex, junctions: readonly Junction[], premises: readonly PremisesRow[],
): CameraRow[] {
  const drafts: Draft[] = [];
  const streetAt = (i: number) => index.streets[i]!;

  for (const j of junctions) {
    const kinds = j.streets.map((s) => streetAt(s).kind);
    const mains = kinds.filter((k) => k === 'main').length;
    const count = mains >= 2 ? r.int(3, 4) : mains === 1 ? 2 : kinds.includes('secondary') ? r.int(1, 2) : r.int(0, 1);
    const reach = Math.max(...kinds.map((k) => ROAD_HALF_WIDTH[k]));
    const names = j.streets.slice(0, 2).map((s) => streetAt(s).name);
    for (let k = 0; k < count; k++) {
      const angle = r.float(0, 2 * Math.PI);
      const d = reach + r.float(2, 6);
      const point: XY = [j.point[0] + d * Math.cos(angle), j.point[1] + d * Math.sin(angle)];
      const beatIndex = index.locate(point);
      if (beatIndex < 0) continue;
      const traffic = mains > 0 && r.chance(0.5);
      drafts.push({
        point, beatIndex, addressId: null, name: `${names[0]}与${names[1]}路口${k + 1}号`,
        kind: traffic ? 'traffic' : 'public_security', direction: norm(bearingOf(point, j.point) + r.float(-30, 30)),
        fov: r.int(60, 120), range: traffic ? r.int(80, 150) : r.int(40, 120), owner: traffic ? '海曙交警大队' : '海曙公安分局',
      });
    }
  }

  index.streets.forEach((street) => {
    if (street.kind !== 'main') return;
    const length = polylineLength(street.line);
    let n = 0;
    for (let d = r.float(...MAIN_ROAD_SPACING_M); d < length - 50; d += r.float(...MAIN_ROAD_SPACING_M)) {
      const { point, tangent } = alongPolyline(street.line, d);
      const side = r.chance(0.5) ? 1 : -1;
      const offset = ROAD_HALF_WIDTH.main - 2;
      const p: XY = [point[0] - tangent[1] * side * offset, point[1] + tangent[0] * side * offset];
      const beatIndex = index.locate(p);
      if (beatIndex < 0) continue;
      const along = bearingOf([0, 0], tangent) + (r.chance(0.5) ? 0 : 180);
      drafts.push({
        point: p, beatIndex, addressId: null, name: `${street.name}${++n}号杆`, kind: r.chance(0.6) ? 'traffic' : 'public_security',
        direction: norm(along), fov: r.int(60, 100), range: r.int(80, 150), owner: r.chance(0.6) ? '海曙交警大队' : '海曙公安分局',
      });
    }
  });

  const seenCompounds = new Set<string>();
  for (const b of index.buildings) {
    if (!b.compound || seenCompounds.has(b.compound)) continue;
    seenCompounds.add(b.compound);
    const count = r.int(1, 3);
    for (let k = 0; k < count; k++) {
      drafts.push({
        point: pointInBuilding(r, b, 0.2), beatIndex: b.beatIndex, addressId: b.top.id, name: `${b.compound}监控${k + 1}`,
        kind: 'community', direction: r.int(0, 359), fov: r.chance(0.1) ? 360 : r.int(60, 120), range: r.int(30, 80),
        owner: `${b.compound}物业服务中心`,
      });
    }
  }

  const byAddress = new Map(index.buildings.map((b) => [b.top.id, b]));
  for (const p of premises) {
    if (p.status !== 'open' || !r.chance(PRIVATE_SHARE)) continue;
    const b = p.address_id === null ? undefined : byAddress.get(p.address_id);
    if (!b) continue;
    drafts.push({
      point: pointInBuilding(r, b, 0.1), beatIndex: b.beatIndex, addressId: b.top.id, name: `${p.name}门口`, kind: 'private',
      direction: r.int(0, 359), fov: r.int(60, 120), range: r.int(30, 60), owner: p.name,
    });
  }

  return drafts.map((d, i) => Object.assign(prov.frame(r, i + 1, r.float(30, 7 * 365), { beatIndex: d.beatIndex, addressId: d.addressId, geom: project(d.point) }), {
    name: d.name, kind: d.kind, direction_deg: d.direction, fov_deg: d.fov, range_m: d.range,
    view: cameraView(d.point, d.direction, d.fov, d.range), owner: d.owner,
    contact_phone: d.kind === 'private' || d.kind === 'community' ? mobilePhone(r) : landline(r),
    status: r.weighted(STATUS),
  }) satisfies CameraRow);
}
