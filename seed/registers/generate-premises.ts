/**
 * 实有单位: shops, restaurants, hotels and the other premises along the streets.
 *
 * Premises occupy commercial and mixed buildings (whose ground floors face the street), weighted
 * towards main roads and towards bigger, taller commercial blocks, so the main shopping streets get
 * the most. Each sits at its building's door address, at a point inside the building's footprint.
 */
import type { StreetKind } from '../../server/db/schema.js';
import type { Rng } from '../district/random.js';
import { type BuildingInfo, type DistrictIndex, WeightedSampler, pointInBuilding, project } from './district-index.js';
import type { Population } from './generate-people.js';
import { TRADES, TRADE_WEIGHTS, premisesName } from './premises-catalogue.js';
import type { Provenance } from './provenance.js';
import { CreditCodes, landline, mobilePhone } from './identities.js';
import type { PremisesRow } from './types.js';

const STREET_WEIGHT: Record<StreetKind, number> = { main: 3, secondary: 2, lane: 1 };
const STATUS = [['open', 90], ['suspended', 3], ['closed', 7]] as const;

/** Buildings that host premises, weighted by how much shop frontage each offers. */
export function premisesHosts(index: DistrictIndex): WeightedSampler<BuildingInfo> {
  return new WeightedSampler(index.buildings.filter((b) => b.use === 'commercial' || b.use === 'mixed').map((b) => {
    const [c0, c1] = b.corners;
    const length = Math.hypot(c1[0] - c0[0], c1[1] - c0[1]);
    const kind = index.streets[b.streetId - 1]?.kind ?? 'lane';
    return [b, STREET_WEIGHT[kind] * (b.use === 'commercial' ? Math.min(b.floors, 6) : 1.5) * (length / 20)] as const;
  }));
}

export function generatePremises(r: Rng, prov: Provenance, index: DistrictIndex, population: Population, count: number): PremisesRow[] {
  const hosts = premisesHosts(index);
  if (hosts.size === 0) return [];
  const codes = new CreditCodes(r.fork('credit-codes'));
  const rows: PremisesRow[] = [];
  for (let id = 1; id <= count; id++) {
    const building = hosts.pick(r);
    const trade = r.weighted(TRADE_WEIGHTS);
    const profile = TRADES[trade];
    const road = index.streets[building.streetId - 1]?.name ?? '';
    const place = { beatIndex: building.beatIndex, addressId: building.top.id, geom: project(pointInBuilding(r, building, 0.08)) };
    rows.push(Object.assign(prov.frame(r, id, r.float(20, 8 * 365), place), {
      name: premisesName(r, trade, road),
      trade,
      licence_no: profile.licence && r.chance(0.92) ? profile.licence(r) : null,
      credit_code: codes.issue(r.chance(profile.soleTrader)),
      responsible_person_id: population.adults.length > 0 && r.chance(0.85) ? r.pick(population.adults) : null,
      phone: r.chance(0.55) ? mobilePhone(r) : landline(r),
      risk_level: r.weighted(profile.risk),
      status: r.weighted(STATUS),
    }) satisfies PremisesRow);
  }
  return rows;
}
