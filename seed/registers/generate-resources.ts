/**
 * Community resources: organisations (schools, hospitals, offices, companies, community groups),
 * guard posts at compound gates and public buildings, and the volunteers and harmony promoters
 * (和谐促进员) drawn from the residents.
 */
import type { Rng } from '../district/random.js';
import { type BuildingInfo, type DistrictIndex, pointInBuilding, project } from './district-index.js';
import type { Population } from './generate-people.js';
import type { Provenance } from './provenance.js';
import { landline, mobilePhone, personName } from './identities.js';
import type { GuardPostRow, LngLat, OrganisationRow, VolunteerRow } from './types.js';

export interface OrganisationPlan { building: BuildingInfo; name: string; kind: OrganisationRow['kind'] }

const MAX_COMPANIES = 40;
const ORDINAL = ['', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九'];

/** "望春东路" → "望春": the stem local institutions take their names from. */
const stemOf = (road: string): string => road.replace(/[东西南北中]?(大道|路|街|巷|弄)$/, '') || road;

/** Which organisation occupies which public, industrial or community building, and its name. */
export function planOrganisations(r: Rng, index: DistrictIndex): OrganisationPlan[] {
  const used = new Set<string>();
  const unique = (stem: string, noun: string): string => {
    for (let n = 0; ; n++) {
      const name = `${stem}${ORDINAL[n] ?? `${n + 1}号`}${noun}`;
      if (!used.has(name)) return used.add(name), name;
    }
  };
  const road = (b: BuildingInfo) => stemOf(index.streets[b.streetId - 1]?.name ?? '海曙');
  const plans: OrganisationPlan[] = [];
  for (const b of index.buildings) {
    if (b.use === 'public') {
      const kind = r.weighted([['school', 50], ['hospital', 20], ['government', 25], ['religious', 5]] as const);
      const noun = kind === 'school' ? r.pick(['小学', '中学', '幼儿园', '实验学校'])
        : kind === 'hospital' ? r.pick(['社区卫生服务中心', '医院', '中医院'])
          : kind === 'government' ? r.pick(['市场监督管理所', '社区服务中心', '街道便民服务中心'])
            : r.pick(['禅寺', '基督教堂', '道观']);
      plans.push({ building: b, name: unique(road(b), noun), kind });
    }
  }
  const workshops = r.shuffle(index.buildings.filter((b) => b.use === 'industrial')).slice(0, MAX_COMPANIES);
  for (const b of workshops) {
    plans.push({ building: b, name: unique(`宁波${road(b)}`, r.pick(['机械有限公司', '电子有限公司', '服装厂', '五金制品厂', '食品有限公司', '塑料制品有限公司'])), kind: 'company' });
  }
  // One community organisation per community, in one of its homes or shops.
  const byCommunity = new Map<number, BuildingInfo[]>();
  for (const b of index.buildings) {
    const communityId = index.beats[b.beatIndex]!.communityId;
    byCommunity.set(communityId, [...(byCommunity.get(communityId) ?? []), b]);
  }
  for (const community of index.data.communities) {
    const candidates = byCommunity.get(community.id);
    if (!candidates) continue;
    const noun = r.pick(['居家养老服务中心', '老年协会', '志愿者协会', '调解委员会', '妇女儿童之家']);
    plans.push({ building: r.pick(candidates), name: unique(community.name, noun), kind: r.chance(0.85) ? 'community_org' : 'other' });
  }
  return plans;
}

export function generateOrganisations(r: Rng, prov: Provenance, plans: readonly OrganisationPlan[]): OrganisationRow[] {
  return plans.map((p, i) => Object.assign(prov.frame(r, i + 1, r.float(60, 8 * 365), { beatIndex: p.building.beatIndex, addressId: p.building.top.id, geom: project(pointInBuilding(r, p.building, 0.3)) }), {
    name: p.name, kind: p.kind, contact_name: personName(r, r.chance(0.5) ? 'male' : 'female'),
    contact_phone: r.chance(0.6) ? landline(r) : mobilePhone(r),
  }) satisfies OrganisationRow);
}

const SECURITY_FIRMS = ['宁波市保安服务有限公司', '甬城保安服务有限公司', '海曙物业管理有限公司', '四明安保服务有限公司'];

export function generateGuardPosts(r: Rng, prov: Provenance, index: DistrictIndex, plans: readonly OrganisationPlan[]): GuardPostRow[] {
  const sites: { building: BuildingInfo; name: string; organisation: string; guards: [number, number] }[] = [];
  const seen = new Set<string>();
  for (const b of index.buildings) {
    if (!b.compound || seen.has(b.compound)) continue;
    seen.add(b.compound);
    sites.push({ building: b, name: `${b.compound}${r.pick(['东', '南', '西', '北', '正'])}门岗`, organisation: r.chance(0.5) ? `${b.compound}物业服务中心` : r.pick(SECURITY_FIRMS), guards: [1, 4] });
  }
  for (const p of plans) {
    if (p.kind === 'school' || p.kind === 'hospital' || p.kind === 'government' || (p.kind === 'company' && r.chance(0.5))) {
      sites.push({ building: p.building, name: `${p.name}门卫室`, organisation: r.pick(SECURITY_FIRMS), guards: [2, 8] });
    }
  }
  return sites.map((s, i) => {
    const place = { beatIndex: s.building.beatIndex, addressId: s.building.top.id, geom: s.building.top.geom.coordinates as LngLat };
    return Object.assign(prov.frame(r, i + 1, r.float(60, 6 * 365), place), {
      name: s.name, organisation: s.organisation, guards: r.int(...s.guards), hours: r.chance(0.7) ? '24小时' : r.pick(['06:00-22:00', '07:00-19:00']),
      contact_name: personName(r, r.chance(0.8) ? 'male' : 'female'), contact_phone: mobilePhone(r),
    }) satisfies GuardPostRow;
  });
}

const DUTIES = ['information', 'mediation', 'patrol', 'fire_watch', 'care_visits'] as const;
const TEAMS = ['平安志愿服务队', '红袖标巡防队', '银龄志愿服务队', '邻里守望队', '消防志愿队'] as const;

export function generateVolunteers(r: Rng, prov: Provenance, index: DistrictIndex, population: Population): VolunteerRow[] {
  return population.volunteers.map((v, i) => {
    const community = index.data.communities[index.beats[v.beatIndex]!.communityId - 1]!.name;
    const promoter = r.chance(0.2);
    const duties = new Set<string>(promoter ? ['mediation'] : []);
    const extra = r.int(1, promoter ? 2 : 3);
    while (duties.size < extra + (promoter ? 1 : 0)) duties.add(r.pick(DUTIES));
    return Object.assign(prov.frame(r, i + 1, r.float(30, 5 * 365), { beatIndex: v.beatIndex, addressId: v.addressId, geom: v.geom }), {
      person_id: v.personId, kind: promoter ? 'harmony_promoter' as const : 'volunteer' as const,
      team: promoter ? `${community}和谐促进会` : `${community}${r.pick(TEAMS)}`,
      duties: DUTIES.filter((d) => duties.has(d)), contact_phone: v.phone,
    }) satisfies VolunteerRow;
  });
}
