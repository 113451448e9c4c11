/**
 * 实有人口 and 实有房屋: a household in every occupied home, and one house record per home.
 *
 * Every room address of a residential or mixed building is a home. Some stand empty; the rest are
 * owner-occupied (registered families) or rented. Rented homes are more common in mixed blocks,
 * street-front houses and anywhere near workshops, and mostly hold migrant workers (floating
 * population); a few hold foreigners. People sit at their room's address point, so their jurisdiction
 * is that of the address.
 */
import type { Rng } from '../district/random.js';
import type { StandardAddressRow } from '../district/types.js';
import { type Clock, dateDaysAgo } from './clock.js';
import { type BuildingInfo, type DistrictIndex } from './district-index.js';
import { type Member, composeFamily, composeRenters, householdSizeWeights } from './households.js';
import type { Provenance } from './provenance.js';
import { IdNumbers, foreignName, landline, mobilePhone, personName } from './identities.js';
import type { HouseRow, LngLat, PersonRow } from './types.js';

export interface PopulationConfig { people: number; vacancy: number; volunteerShare: number }

/** Codes in `Population.use`. */
export const HomeUse = { Vacant: 0, Owned: 1, Rented: 2 } as const;

/** A resident picked to volunteer, remembered so the volunteers step needn't keep every person row. */
export interface VolunteerPick { personId: number; addressId: number; beatIndex: number; geom: LngLat; phone: string | null; age: number }

/** The homes and their households, planned before any person is made, plus what later steps need. */
export interface Population {
  homes: { address: StandardAddressRow; building: BuildingInfo }[];
  use: Uint8Array;
  /** Household size per home (0 when vacant). */
  size: Uint8Array;
  /** Number of people the households hold. */
  people: number;
  /** Filled in while people are generated: adults (18–70), the ids shop owners are drawn from. */
  adults: number[];
  /** Registered owner-occupiers aged 30+: the people who let flats out. */
  landlords: number[];
  volunteers: VolunteerPick[];
}
const YEAR_DAYS = 365.25;
const NEAR_INDUSTRY_M = 400;

function rentedShare(b: BuildingInfo, nearIndustry: boolean): number {
  let p = 0.2;
  if (b.use === 'mixed') p += 0.2;
  if (!b.compound) p += 0.1;
  if (nearIndustry) p += 0.25;
  return p;
}

/** Shared by everyone without tags (nearly everyone): a million empty arrays are a lot of garbage. */
const NO_TAGS: string[] = [];

function careTags(r: Rng, m: Member, household: readonly Member[]): string[] {
  let tags = NO_TAGS;
  const add = (tag: string) => (tags = tags === NO_TAGS ? [tag] : [...tags, tag]);
  if (household.length === 1 && m.age >= 70 && r.chance(0.85)) add('elderly_alone');
  if (household.length <= 2 && household.every((x) => x.age >= 55) && r.chance(0.03)) add('lost_only_child');
  if (m.age >= 18 && m.age <= 60 && r.chance(0.002)) add('community_correction');
  if (m.age >= 12 && m.age <= 18 && r.chance(0.03)) add('youth_at_risk');
  if (m.age >= 18 && m.age <= 65 && r.chance(0.003)) add('key_person');
  return tags;
}

/** Decide which homes are empty, owned or rented, and how many live in each. */
export function planPopulation(r: Rng, index: DistrictIndex, config: PopulationConfig): Population {
  const homes = index.buildings.flatMap((building) => building.rooms.map((address) => ({ address, building })));
  const industry = index.buildings.filter((b) => b.use === 'industrial').map((b) => b.center);
  const nearIndustry = index.buildings.map((b) => industry.some((c) => Math.hypot(c[0] - b.center[0], c[1] - b.center[1]) < NEAR_INDUSTRY_M));
  const sizes = householdSizeWeights(config.people / Math.max(1, homes.length * (1 - config.vacancy)));
  const population: Population = {
    homes, use: new Uint8Array(homes.length), size: new Uint8Array(homes.length), people: 0, adults: [], landlords: [], volunteers: [],
  };
  homes.forEach(({ building }, h) => {
    if (r.chance(config.vacancy)) return;
    population.use[h] = r.chance(rentedShare(building, nearIndustry[building.id - 1]!)) ? HomeUse.Rented : HomeUse.Owned;
    population.size[h] = r.weighted(sizes);
    population.people += population.size[h]!;
  });
  return population;
}

/** The people of every planned household, in chunks of about `chunk` rows, ids 1..n in home order. */
export function* generatePeople(r: Rng, prov: Provenance, index: DistrictIndex, population: Population, config: PopulationConfig, chunk: number): Generator<PersonRow[]> {
  const clock: Clock = prov.clock;
  const ids = new IdNumbers(r.fork('id-numbers'));
  let rows: PersonRow[] = [];
  let nextId = 1;
  for (let h = 0; h < population.homes.length; h++) {
    const size = population.size[h]!;
    if (size === 0) continue;
    const { address, building } = population.homes[h]!;
    const rented = population.use[h] === HomeUse.Rented;
    const members = rented ? composeRenters(r, size) : composeFamily(r, size);
    const category: PersonRow['category'] = rented
      ? (r.chance(0.033) ? 'foreign' : r.chance(0.8) ? 'floating' : 'registered')
      : (r.chance(0.06) ? 'floating' : 'registered');
    const headAge = Math.max(...members.map((m) => m.age));
    // Owners often moved in long ago; tenants within the last few years.
    const householdDays = rented ? r.float(15, 4 * YEAR_DAYS) : r.float(120, Math.max(121, Math.min(30, headAge - 20) * YEAR_DAYS));
    const geom = address.geom.coordinates as LngLat;
    const beat = index.beats[building.beatIndex]!;

    for (const m of members) {
      const id = nextId++;
      const ageDays = m.age * YEAR_DAYS + r.float(1, 364);
      const birth = dateDaysAgo(clock, ageDays);
      const movedDays = Math.min(householdDays, ageDays - 1);
      // Records reach the system some weeks after the move, and none before it went live 8 years ago.
      const createdDays = Math.min(movedDays - r.float(0, Math.min(60, movedDays)), r.float(4, 8) * YEAR_DAYS);
      let phone: string | null = null;
      if (m.age >= 16 && r.chance(m.age >= 80 ? 0.6 : 0.95)) phone = mobilePhone(r);
      else if (m.age >= 80 && r.chance(0.5)) phone = landline(r);
      const stamp = prov.stamp(r, createdDays, building.beatIndex);
      const row: PersonRow = {
        id, created_at: stamp.created_at, updated_at: stamp.updated_at, collected_by: stamp.collected_by,
        verified_by: stamp.verified_by, verified_at: stamp.verified_at, verified_how: stamp.verified_how,
        address_id: address.id, community_id: beat.communityId, beat_id: beat.id, geom,
        name: category === 'foreign' ? foreignName(r, m.gender) : personName(r, m.gender),
        gender: m.gender,
        birth_date: birth,
        id_number: category === 'foreign' ? null : ids.issue(birth, Math.round(ageDays), m.gender, category === 'registered' ? 'local' : 'migrant'),
        phone,
        category,
        care_tags: careTags(r, m, members),
        moved_in: dateDaysAgo(clock, movedDays),
        moved_out: null,
      };
      rows.push(row);
      if (m.age >= 18 && m.age <= 70) population.adults.push(id);
      if (!rented && category === 'registered' && m.age >= 30) population.landlords.push(id);
      if (m.age >= 20 && m.age <= 72 && category !== 'foreign' && r.chance(config.volunteerShare)) {
        population.volunteers.push({ personId: id, addressId: address.id, beatIndex: building.beatIndex, geom, phone, age: m.age });
      }
    }
    if (rows.length >= chunk) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

/** Floor area by building type: tower flats are bigger than walk-ups, rooms over shops smaller. */
function floorArea(r: Rng, b: BuildingInfo): number {
  const [lo, hi] = b.use === 'mixed' ? [35, 80] : !b.compound ? [40, 95] : b.floors >= 11 ? [75, 145] : [50, 110];
  return Math.round(r.float(lo, hi) * 10) / 10;
}

export function generateHouses(r: Rng, prov: Provenance, population: Population): HouseRow[] {
  const USES = ['vacant', 'self_occupied', 'rented'] as const;
  return population.homes.map(({ address, building }, h) => {
    const use = USES[population.use[h]!]!;
    const landlord = use === 'rented' && population.landlords.length > 0 ? r.pick(population.landlords) : null;
    const tenants = use === 'rented' ? population.size[h]! : 0;
    const place = { beatIndex: building.beatIndex, addressId: address.id, geom: address.geom.coordinates as LngLat };
    return Object.assign(prov.frame(r, h + 1, r.float(30, 8 * YEAR_DAYS), place), {
      use, landlord_id: landlord, area_m2: floorArea(r, building), tenants,
    }) satisfies HouseRow;
  });
}
