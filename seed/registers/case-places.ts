/**
 * Where cases happen. Crime concentrates: a few hotspots (the busiest shopping streets, and main-road
 * crossings that serve as transit hubs) draw a large share of all cases, and the rest spread over the
 * district, weighted towards main roads (street crime), bigger housing estates (burglary, fraud by
 * phone) and the premises of the trades each kind of case involves.
 *
 * A street case sits on the pavement in front of a building, a home case at a room address, a
 * premises case at the premises; the jurisdiction comes from the building, the address or `locate`.
 */
import type { StreetKind } from '../../server/db/schema.js';
import type { XY } from '../district/geometry.js';
import type { Rng } from '../district/random.js';
import { ROAD_HALF_WIDTH } from '../district/streets.js';
import type { Setting } from './case-patterns.js';
import { type BuildingInfo, type DistrictIndex, WeightedSampler, nearestOnLine, pointInBuilding, project } from './district-index.js';
import type { Junction } from './junctions.js';
import type { LngLat, PremisesRow, Trade } from './types.js';

/** Share of cases drawn to a hotspot rather than spread over the district. */
export const HOTSPOT_SHARE = 0.45;
const MIN_HOTSPOT_GAP_M = 400;
const STREET_WEIGHT: Record<StreetKind, number> = { main: 3, secondary: 2, lane: 1 };

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface CasePlace { beatIndex: number; addressId: number | null; geom: LngLat; premisesId: number | null; text: string }

interface Samplers { street: WeightedSampler<BuildingInfo>; dwelling: WeightedSampler<BuildingInfo>; premises: WeightedSampler<BuildingInfo> }
export interface Hotspot extends Samplers { center: XY; sigma: number; kind: 'commercial' | 'transit' }

export class CasePlaces {
  readonly hotspots: Hotspot[] = [];
  private readonly hotspotPicker = new WeightedSampler<Hotspot>();
  private readonly background: Samplers;
  private readonly premisesIn = new Map<number, PremisesRow[]>();
  private readonly premisesOf = new Map<Trade, PremisesRow[]>();
  /** Per building: the pavement point in front of it, the street's direction there, and its beat (-1: unsure). */
  private readonly pavement: { point: XY; tangent: XY; beat: number }[];

  constructor(r: Rng, private readonly index: DistrictIndex, junctions: readonly Junction[], premises: readonly PremisesRow[], hotspots: number) {
    const buildingOfAddress = new Map(index.buildings.map((b) => [b.top.id, b]));
    for (const p of premises) {
      const b = p.address_id === null ? undefined : buildingOfAddress.get(p.address_id);
      if (b) push(this.premisesIn, b.id, p);
      push(this.premisesOf, p.trade, p);
    }
    this.background = this.samplers(() => 1);
    this.pavement = index.buildings.map((b) => {
      const street = index.streets[b.streetId - 1]!;
      const near = nearestOnLine(street.line, b.center);
      const inset = Math.min(ROAD_HALF_WIDTH[street.kind] - 1.5, near.distance);
      const d = Math.max(near.distance, 1e-6);
      const point: XY = [near.point[0] + ((b.center[0] - near.point[0]) / d) * inset, near.point[1] + ((b.center[1] - near.point[1]) / d) * inset];
      return { point, tangent: near.tangent, beat: index.locate(point) };
    });

    const far = (p: XY) => this.hotspots.every((h) => Math.hypot(h.center[0] - p[0], h.center[1] - p[1]) >= MIN_HOTSPOT_GAP_M);
    const shops = new WeightedSampler(index.buildings.map((b) => [b, this.premisesIn.get(b.id)?.length ?? 0] as const));
    const hubs = new WeightedSampler(junctions.map((j) => {
      const mains = j.streets.filter((s) => index.streets[s]!.kind === 'main').length;
      return [j.point, mains >= 2 ? 3 : mains] as const;
    }));
    for (let k = 0; k < hotspots; k++) {
      const kind: Hotspot['kind'] | null = k % 2 === 0 && shops.size > 0 ? 'commercial' : hubs.size > 0 ? 'transit' : null;
      if (!kind) break;
      for (let attempt = 0; attempt < 50; attempt++) {
        const center = kind === 'commercial' ? shops.pick(r).center : hubs.pick(r);
        if (!far(center)) continue;
        const sigma = r.float(60, 120);
        const near = this.samplers((b) => {
          const d = Math.hypot(b.center[0] - center[0], b.center[1] - center[1]);
          return d > 3 * sigma ? 0 : Math.exp(-(d * d) / (2 * sigma * sigma));
        });
        if (near.street.size < 3) continue;
        const hotspot: Hotspot = { center, sigma, kind, ...near };
        this.hotspots.push(hotspot);
        this.hotspotPicker.add(hotspot, r.float(1, 3));
        break;
      }
    }
  }

  private readonly tradePools = new Map<readonly Trade[], PremisesRow[]>();
  /** All premises of any of `trades` (patterns share their trade lists, so this caches well). */
  private ofTrades(trades: readonly Trade[]): PremisesRow[] {
    let pool = this.tradePools.get(trades);
    if (!pool) this.tradePools.set(trades, (pool = trades.flatMap((t) => this.premisesOf.get(t) ?? [])));
    return pool;
  }

  private samplers(weight: (b: BuildingInfo) => number): Samplers {
    const entries = this.index.buildings.map((b) => [b, weight(b)] as const);
    return {
      street: new WeightedSampler(entries.map(([b, w]) => [b, w * STREET_WEIGHT[this.index.streets[b.streetId - 1]!.kind]] as const)),
      dwelling: new WeightedSampler(entries.map(([b, w]) => [b, w * Math.sqrt(b.rooms.length)] as const)),
      premises: new WeightedSampler(entries.map(([b, w]) => [b, w * (this.premisesIn.get(b.id)?.length ?? 0)] as const)),
    };
  }

  place(r: Rng, wanted: Setting, trades?: readonly Trade[]): CasePlace {
    const setting: Setting = wanted === 'premises' && this.premisesIn.size === 0 ? 'street' : wanted;
    const hot = this.hotspotPicker.size > 0 && r.chance(HOTSPOT_SHARE) ? this.hotspotPicker.pick(r) : null;
    const from = hot && hot[setting].size > 0 ? hot[setting] : this.background[setting];
    if (setting === 'premises') {
      let p: PremisesRow | undefined;
      if (!hot && trades) {
        const pool = this.ofTrades(trades);
        p = pool.length > 0 ? r.pick(pool) : undefined;
      }
      if (!p) {
        const list = this.premisesIn.get(from.pick(r).id)!;
        for (let k = 0; k < 6 && (!p || (trades && !trades.includes(p.trade))); k++) p = r.pick(list);
      }
      return { beatIndex: p!.beat_id - 1, addressId: p!.address_id, geom: p!.geom, premisesId: p!.id, text: p!.name };
    }
    if (setting === 'dwelling' && from.size > 0) {
      const b = from.pick(r);
      const room = r.pick(b.rooms);
      return { beatIndex: b.beatIndex, addressId: room.id, geom: room.geom.coordinates as LngLat, premisesId: null, text: room.full_address.slice(room.full_address.indexOf('社区') + 2) };
    }
    const b = (from.size > 0 ? from : this.background.street).pick(r);
    const pave = this.pavement[b.id - 1]!;
    const shift = r.float(-15, 15);
    let point: XY = [pave.point[0] + pave.tangent[0] * shift, pave.point[1] + pave.tangent[1] * shift];
    let beat = this.index.locate(point);
    if (beat < 0 && pave.beat >= 0) [point, beat] = [pave.point, pave.beat];
    if (beat < 0) [point, beat] = [pointInBuilding(r, b), b.beatIndex];
    return { beatIndex: beat, addressId: b.top.id, geom: project(point), premisesId: null, text: `${b.top.road}${b.top.door_number}号附近` };
  }
}
