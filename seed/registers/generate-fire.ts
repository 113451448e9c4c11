/**
 * Fire protection: hydrants along every street, fire hazards found in premises and homes, and the
 * fire stations (the district's rescue stations plus a micro station in each community).
 */
import { type XY, alongPolyline, polylineLength } from '../district/geometry.js';
import type { Rng } from '../district/random.js';
import { ROAD_HALF_WIDTH } from '../district/streets.js';
import { dateDaysAgo } from './clock.js';
import { type BuildingInfo, type DistrictIndex, pointInBuilding, project } from './district-index.js';
import type { Provenance } from './provenance.js';
import { landline } from './identities.js';
import type { FireHazardRow, FireStationRow, HydrantRow, LngLat, PremisesRow } from './types.js';

/** Municipal hydrants stand about every 120 m along a street (GB 50974 allows at most 120 m). */
export const HYDRANT_SPACING_M = 120;
/** On the pavement: inside the road corridor, short of the building line. */
const PAVEMENT_INSET_M = 1.5;

export function generateHydrants(r: Rng, prov: Provenance, index: DistrictIndex): HydrantRow[] {
  const rows: HydrantRow[] = [];
  for (const street of index.streets) {
    const length = polylineLength(street.line);
    const side = street.id % 2 === 0 ? 1 : -1;
    const offset = ROAD_HALF_WIDTH[street.kind] - PAVEMENT_INSET_M;
    let seq = 0;
    for (let d = HYDRANT_SPACING_M / 2; d < length; d += HYDRANT_SPACING_M) {
      seq++;
      const { point, tangent } = alongPolyline(street.line, d);
      const p: XY = [point[0] - tangent[1] * side * offset, point[1] + tangent[0] * side * offset];
      const beatIndex = index.locate(p);
      // Sequence numbers keep counting past a skipped spot, so codes still say where along the street each one is.
      if (beatIndex < 0) continue;
      const status = r.weighted([['in_service', 88], ['faulty', 8], ['out_of_service', 4]] as const);
      const inspected = r.chance(0.03) ? null : dateDaysAgo(prov.clock, status === 'in_service' ? r.int(0, 540) : r.int(0, 120));
      rows.push(Object.assign(prov.frame(r, rows.length + 1, r.float(200, 8 * 365), { beatIndex, addressId: null, geom: project(p) }), {
        code: `XHS${String(street.id).padStart(3, '0')}-${String(seq).padStart(3, '0')}`,
        kind: street.kind === 'main' ? r.weighted([['above_ground', 70], ['underground', 30]] as const)
          : r.weighted([['underground', 55], ['above_ground', 35], ['wall', 10]] as const),
        status,
        last_inspected_on: inspected,
      }) satisfies HydrantRow);
    }
  }
  return rows;
}

const PREMISES_HAZARDS = ['灭火器失效', '安全出口上锁', '疏散通道堆放货物', '厨房油烟管道未清洗', '电气线路老化', '违规使用液化气钢瓶', '自动喷淋系统故障'];
const HOME_HAZARDS = ['楼道内电动自行车充电', '楼道堆放杂物', '消防通道被占用', '室内消火栓无水', '飞线充电', '防火门常开'];
const RISK_WEIGHT = { low: 1, medium: 3, high: 8 } as const;

export function generateFireHazards(r: Rng, prov: Provenance, index: DistrictIndex, premises: readonly PremisesRow[], count: number): FireHazardRow[] {
  const homes = index.buildings.filter((b) => b.rooms.length > 0);
  const risky = premises.flatMap((p) => Array<PremisesRow>(RISK_WEIGHT[p.risk_level]).fill(p));
  const rows: FireHazardRow[] = [];
  for (let id = 1; id <= count; id++) {
    const found = r.int(0, 540);
    const level = r.chance(0.12) ? 'major' as const : 'general' as const;
    const status = found > 180 ? r.weighted([['closed', 85], ['rectifying', 10], ['open', 5]] as const)
      : r.weighted([['open', 40], ['rectifying', 35], ['closed', 25]] as const);
    const deadline = r.chance(0.95) ? dateDaysAgo(prov.clock, found - (level === 'major' ? r.int(7, 30) : r.int(15, 60))) : null;
    let premisesId: number | null = null;
    let place: { beatIndex: number; addressId: number | null; geom: LngLat };
    let description: string;
    if (risky.length > 0 && (homes.length === 0 || r.chance(0.6))) {
      const p = r.pick(risky);
      premisesId = p.id;
      place = { beatIndex: p.beat_id - 1, addressId: p.address_id, geom: p.geom };
      description = `${p.name}：${r.pick(PREMISES_HAZARDS)}`;
    } else if (homes.length > 0) {
      const b = r.pick(homes);
      place = { beatIndex: b.beatIndex, addressId: b.top.id, geom: b.top.geom.coordinates as LngLat };
      description = `${b.compound ? `${b.compound}${b.top.building_no}幢` : b.top.full_address.replace(/^.*社区/, '')}：${r.pick(HOME_HAZARDS)}`;
    } else break;
    rows.push(Object.assign(prov.frame(r, id, found, place), { premises_id: premisesId, description, level, deadline, status }) satisfies FireHazardRow);
  }
  return rows;
}

export function generateFireStations(r: Rng, prov: Provenance, index: DistrictIndex, rescueStations: number): FireStationRow[] {
  const sites: { building: BuildingInfo; name: string; kind: FireStationRow['kind']; vehicles: [number, number] }[] = [];
  const frontage = r.shuffle(index.buildings.filter((b) => !b.compound && (b.use === 'public' || b.use === 'industrial' || b.use === 'commercial')));
  for (let k = 0; k < rescueStations && k < frontage.length; k++) {
    const b = frontage[k]!;
    const sub = index.data.sub_districts[index.data.communities[index.beats[b.beatIndex]!.communityId - 1]!.sub_district_id - 1]!;
    const special = k === rescueStations - 1 && rescueStations > 2;
    const stem = `${sub.name.replace(/街道$/, '')}${special ? '特勤' : ''}`;
    const twin = sites.filter((s) => s.name.startsWith(stem)).length;
    sites.push({ building: b, name: `${stem}${twin > 0 ? `${twin + 1}号` : ''}消防救援站`, kind: special ? 'special_service' : 'fire_rescue', vehicles: special ? [6, 10] : [4, 8] });
  }
  const byCommunity = new Map<number, BuildingInfo>();
  for (const b of r.shuffle(index.buildings)) {
    const communityId = index.beats[b.beatIndex]!.communityId;
    if (b.compound && !byCommunity.has(communityId)) byCommunity.set(communityId, b);
  }
  for (const community of index.data.communities) {
    const b = byCommunity.get(community.id);
    if (b) sites.push({ building: b, name: `${community.name}微型消防站`, kind: 'micro', vehicles: [0, 1] });
  }
  return sites.map((s, i) => Object.assign(prov.frame(r, i + 1, r.float(365, 8 * 365), { beatIndex: s.building.beatIndex, addressId: s.building.top.id, geom: project(pointInBuilding(r, s.building, 0.3)) }), {
    name: s.name, kind: s.kind, phone: landline(r), vehicles: r.int(...s.vehicles),
  }) satisfies FireStationRow);
}
