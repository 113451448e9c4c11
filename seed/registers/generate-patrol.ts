/**
 * Patrol forces: units (foot, bike and car patrols with call signs such as 海曙01, 巡01, 骑巡01), one
 * patrol route per unit along the streets of its home beat, and checkpoints (必到点) along each route.
 *
 * Streets are sampled every SAMPLE_M and cut into runs of consecutive samples inside one beat (clear
 * of its edges), so every route vertex and checkpoint lies in the unit's beat; a beat no street
 * crosses gets a short loop around a point inside it instead.
 */
import { type XY, alongPolyline, pathToLngLat, polylineLength } from '../district/geometry.js';
import type { Rng } from '../district/random.js';
import { type DistrictIndex, pointInBeat, project } from './district-index.js';
import type { Provenance } from './provenance.js';
import type { CheckpointRow, PatrolRouteRow, PatrolUnitRow, UnitStatus } from './types.js';

const SAMPLE_M = 25;
type Kind = PatrolUnitRow['kind'];
const KINDS = [['foot', 40], ['bike', 25], ['car', 35]] as const;
const PREFIX: Record<Kind, string> = { car: '海曙', foot: '巡', bike: '骑巡' };
const ROUTE_LENGTH_M: Record<Kind, [number, number]> = { foot: [800, 1500], bike: [1500, 3000], car: [2000, 6000] };
const MEMBERS: Record<Kind, [number, number]> = { foot: [2, 3], bike: [1, 2], car: [2, 4] };
const STATUS: readonly (readonly [UnitStatus, number])[] = [
  ['AVAILABLE', 50], ['BUSY', 10], ['DISPATCHED', 5], ['EN_ROUTE', 5], ['ON_SCENE', 5], ['OUT_OF_SERVICE', 5], ['OFF_DUTY', 20],
];
const SCHEDULES: Record<Kind, readonly string[]> = {
  foot: ['每日 08:00-11:30, 14:00-17:30', '每日 18:00-22:00', '周五至周日 19:00-23:00'],
  bike: ['每日 09:00-12:00, 15:00-18:00', '每日 19:00-23:00'],
  car: ['24小时轮巡', '夜巡 20:00-次日04:00', '每日 07:00-19:00'],
};

interface Run { street: string; points: XY[] }

/** Stretches of street inside each beat, sampled every SAMPLE_M. */
function streetRuns(index: DistrictIndex): Run[][] {
  const byBeat: Run[][] = index.beats.map(() => []);
  for (const s of index.streets) {
    const length = polylineLength(s.line);
    let current: { beat: number; points: XY[] } | null = null;
    const close = () => {
      if (current && current.beat >= 0 && current.points.length >= 3) byBeat[current.beat]!.push({ street: s.name, points: current.points });
      current = null;
    };
    for (let d = 0; d <= length; d += SAMPLE_M) {
      const p = alongPolyline(s.line, d).point;
      const beat = index.locate(p);
      if (!current || current.beat !== beat) {
        close();
        current = { beat, points: [] };
      }
      current.points.push(p);
    }
    close();
  }
  return byBeat;
}

/** A small square loop around a point of the beat, for beats without a street of their own. */
function loopIn(r: Rng, index: DistrictIndex, beat: number): Run | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const c = pointInBeat(r, index, beat);
    if (!c) return null;
    for (const half of [40, 20, 10]) {
      const ring: XY[] = [[c[0] - half, c[1] - half], [c[0] + half, c[1] - half], [c[0] + half, c[1] + half], [c[0] - half, c[1] + half]];
      if (ring.every((p) => index.locate(p) === beat)) return { street: '', points: [...ring, ring[0]!] };
    }
  }
  return null;
}

export interface PatrolRows { units: PatrolUnitRow[]; routes: PatrolRouteRow[]; checkpoints: CheckpointRow[] }

export function generatePatrol(r: Rng, prov: Provenance, index: DistrictIndex, count: number): PatrolRows {
  const runs = streetRuns(index);
  const width = Math.max(2, String(count).length);
  const serial: Record<Kind, number> = { car: 0, foot: 0, bike: 0 };
  const beatOrder = r.shuffle(index.beats.map((_, i) => i));
  const out: PatrolRows = { units: [], routes: [], checkpoints: [] };
  for (let u = 0; u < count; u++) {
    const beat = beatOrder[u % beatOrder.length]!;
    const kind = r.weighted(KINDS);
    const own = runs[beat]!;
    let route: Run | null = null;
    if (own.length > 0) {
      const run = r.weighted(own.map((x) => [x, x.points.length] as const));
      const want = Math.max(3, Math.round(r.float(...ROUTE_LENGTH_M[kind]) / SAMPLE_M));
      const start = r.int(0, Math.max(0, run.points.length - want));
      route = { street: run.street, points: run.points.slice(start, start + want) };
    } else {
      route = loopIn(r, index, beat);
    }
    if (!route) continue;
    const callSign = `${PREFIX[kind]}${String(++serial[kind]).padStart(width, '0')}`;
    const unitId = out.units.length + 1;
    const at = kind === 'foot' ? route.points[0]! : r.pick(route.points);
    out.units.push(Object.assign(prov.frame(r, unitId, r.float(30, 5 * 365), { beatIndex: beat, addressId: null, geom: project(at) }), {
      call_sign: callSign, kind, home_beat_id: beat + 1, status: r.weighted(STATUS), members: r.int(...MEMBERS[kind]),
    }) satisfies PatrolUnitRow);
    const { geom: _point, ...routeFrame } = prov.frame(r, unitId, r.float(30, 5 * 365), { beatIndex: beat, addressId: null, geom: project(at) });
    const label = route.street || index.data.beats[beat]!.name;
    out.routes.push({
      ...routeFrame, name: `${callSign} ${label}巡逻线`, unit_id: unitId, schedule: r.pick(SCHEDULES[kind]),
      geom: { type: 'LineString', coordinates: pathToLngLat(route.points) },
    });
    const stops = r.int(2, 5);
    for (let k = 0; k < stops; k++) {
      const p = route.points[Math.round((k * (route.points.length - 1)) / Math.max(1, stops - 1))]!;
      out.checkpoints.push(Object.assign(prov.frame(r, out.checkpoints.length + 1, r.float(30, 5 * 365), { beatIndex: beat, addressId: null, geom: project(p) }), {
        name: `${label}${k + 1}号必到点`, route_id: unitId,
      }) satisfies CheckpointRow);
    }
  }
  return out;
}
