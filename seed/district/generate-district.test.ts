import { describe, expect, it } from 'vitest';
import { generateDistrict, type DistrictData } from './generate-district.js';
import { DISTRICT_TABLES } from './types.js';

const started = performance.now();
const data = generateDistrict({ scale: 'test', seed: 7 });
const testMs = performance.now() - started;

describe('generateDistrict: determinism and sizes', () => {
  it('gives deep-equal data for the same seed and scale', () => {
    expect(generateDistrict({ scale: 'test', seed: 7 })).toEqual(data);
  });

  it('gives different data for a different seed', () => {
    const other = generateDistrict({ scale: 'test', seed: 8 });
    expect(other.streets.map((s) => s.name)).not.toEqual(data.streets.map((s) => s.name));
    expect(other.districts[0]?.geom).not.toEqual(data.districts[0]?.geom);
  });

  it('generates the test scale quickly and at its size', () => {
    expect(testMs).toBeLessThan(2000);
    expect(data.standard_addresses.length).toBeGreaterThanOrEqual(1500);
    expect(data.standard_addresses.length).toBeLessThanOrEqual(3000);
    expect(data.districts).toHaveLength(1);
    expect(data.sub_districts.length).toBeGreaterThanOrEqual(2);
    expect(data.communities.length).toBeGreaterThan(data.sub_districts.length);
    expect(data.police_stations).toHaveLength(data.sub_districts.length);
    expect(data.beats.length).toBeGreaterThanOrEqual(data.communities.length);
    expect(data.streets.length).toBeGreaterThan(20);
    expect(data.buildings.length).toBeGreaterThan(40);
  });

  it('generates the demo scale at its size', () => {
    const demo = generateDistrict({ scale: 'demo' });
    expect(demo.standard_addresses.length).toBeGreaterThanOrEqual(20_000);
    expect(demo.standard_addresses.length).toBeLessThanOrEqual(30_000);
    expect(demo.communities.length).toBeGreaterThanOrEqual(20);
    expect(demo.beats.length).toBeGreaterThanOrEqual(demo.communities.length);
    expect(demo.buildings.length).toBeGreaterThan(300);
  }, 20_000);
});

describe('generateDistrict: ids and keys', () => {
  it('numbers every table 1..n', () => {
    for (const table of DISTRICT_TABLES) {
      data[table].forEach((row, i) => expect(row.id).toBe(i + 1));
    }
  });

  it('fills every foreign key with an existing row', () => {
    const ids = (rows: { id: number }[]) => new Set(rows.map((r) => r.id));
    const has = (set: Set<number>, id: number | null) => id !== null && set.has(id);
    const districts = ids(data.districts);
    const subs = ids(data.sub_districts);
    const communities = ids(data.communities);
    const stations = ids(data.police_stations);
    const beats = ids(data.beats);
    const streets = ids(data.streets);
    const buildings = ids(data.buildings);
    const addresses = ids(data.standard_addresses);
    for (const s of data.sub_districts) expect(has(districts, s.district_id)).toBe(true);
    for (const c of data.communities) expect(has(subs, c.sub_district_id)).toBe(true);
    for (const p of data.police_stations) expect(has(districts, p.district_id)).toBe(true);
    for (const b of data.beats) expect(has(stations, b.station_id) && has(communities, b.community_id)).toBe(true);
    for (const b of data.buildings) {
      expect(has(streets, b.street_id) && has(communities, b.community_id) && has(beats, b.beat_id)).toBe(true);
    }
    for (const a of data.standard_addresses) {
      expect(has(subs, a.sub_district_id) && has(communities, a.community_id) && has(beats, a.beat_id)).toBe(true);
      expect(has(streets, a.street_id) && has(buildings, a.building_id)).toBe(true);
      if (a.parent_id !== null) expect(addresses.has(a.parent_id)).toBe(true);
    }
  });

  it('keeps unique codes where the schema demands them', () => {
    for (const table of ['districts', 'sub_districts', 'communities', 'police_stations', 'beats', 'standard_addresses'] as const) {
      const codes = data[table].map((r) => r.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('links a beat to the station of its community\'s sub-district', () => {
    for (const beat of data.beats) {
      const community = data.communities[beat.community_id - 1];
      expect(beat.station_id).toBe(community?.sub_district_id);
      expect(beat.officer_name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(beat.officer_badge).toMatch(/^\d{6}$/);
    }
  });
});

describe('generateDistrict: names and addresses', () => {
  it('gives every street a Chinese name and a kind', () => {
    for (const s of data.streets) {
      expect(s.name).toMatch(/^[\u4e00-\u9fa5\d]+(路|街|巷|弄|大道)$/);
      expect(['main', 'secondary', 'lane']).toContain(s.kind);
    }
    expect(new Set(data.streets.map((s) => s.name)).size).toBe(data.streets.length);
    for (const s of data.sub_districts) expect(s.name).toMatch(/^[\u4e00-\u9fa5]+街道$/);
    for (const c of data.communities) expect(c.name).toMatch(/^[\u4e00-\u9fa5]+社区$/);
  });

  it('keeps the address hierarchy consistent', () => {
    const byId = new Map(data.standard_addresses.map((a) => [a.id, a]));
    const topsPerBuilding = new Map<number, number>();
    for (const a of data.standard_addresses) {
      const building = data.buildings[(a.building_id ?? 0) - 1];
      expect(building).toBeDefined();
      if (!building) continue;
      expect(a.community_id).toBe(building.community_id);
      expect(a.beat_id).toBe(building.beat_id);
      expect(a.sub_district_id).toBe(data.communities[a.community_id - 1]?.sub_district_id);
      expect(a.full_address.startsWith('海曙区')).toBe(true);
      expect(a.full_address).toContain(`${a.road}${a.door_number}号`);
      const parent = a.parent_id === null ? undefined : byId.get(a.parent_id);
      if (a.level === 'room') {
        expect(parent?.level).toBe('unit');
        expect(parent?.building_id).toBe(a.building_id);
        expect(parent?.unit_no).toBe(a.unit_no);
        expect(a.floor_no).toBeGreaterThanOrEqual(1);
        expect(a.floor_no).toBeLessThanOrEqual(building.floors);
        expect(a.full_address.endsWith(`${a.unit_no}单元 ${a.room_no}室`)).toBe(true);
      } else if (a.level === 'unit') {
        expect(['door', 'building']).toContain(parent?.level);
        expect(parent?.building_id).toBe(a.building_id);
        expect(Number(a.unit_no)).toBeLessThanOrEqual(building.units);
      } else {
        expect(a.parent_id).toBeNull();
        expect(a.level).toBe(building.compound ? 'building' : 'door');
        topsPerBuilding.set(building.id, (topsPerBuilding.get(building.id) ?? 0) + 1);
      }
    }
    // Exactly one door/building row per building.
    expect(topsPerBuilding.size).toBe(data.buildings.length);
    expect([...topsPerBuilding.values()].every((n) => n === 1)).toBe(true);
  });

  it('never gives two addresses the same written form or two lots the same door number', () => {
    const texts = data.standard_addresses.map((a) => a.full_address);
    expect(new Set(texts).size).toBe(texts.length);
    const doors = data.standard_addresses.filter((a) => a.level === 'door').map((a) => `${a.street_id}:${a.door_number}`);
    expect(new Set(doors).size).toBe(doors.length);
  });

  it('writes full addresses in the canonical form', () => {
    const room = data.standard_addresses.find((a) => a.level === 'room' && a.compound !== null);
    expect(room?.full_address).toMatch(
      /^海曙区[\u4e00-\u9fa5]+街道[\u4e00-\u9fa5\d]+社区[\u4e00-\u9fa5\d]+(路|街|巷|弄|大道)\d+号 [\u4e00-\u9fa5\d]+ \d+幢 \d+单元 \d+室$/,
    );
  });

  it('gives residential buildings unit and room rows and others just a door', () => {
    for (const b of data.buildings) {
      expect(b.floors).toBeGreaterThanOrEqual(1);
      expect(b.floors).toBeLessThanOrEqual(100);
      expect(b.units).toBeGreaterThanOrEqual(1);
      expect(b.units).toBeLessThanOrEqual(20);
    }
    const levels = new Set(data.standard_addresses.map((a) => a.level));
    expect([...levels].sort()).toEqual(['building', 'door', 'room', 'unit']);
  });
});

function allCoordinates(d: DistrictData): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'number') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  for (const table of DISTRICT_TABLES) for (const row of d[table]) walk((row.geom as { coordinates: unknown }).coordinates);
  return out;
}

describe('generateDistrict: coordinates', () => {
  it('rounds every coordinate to 7 decimals and stays in Haishu', () => {
    const coords = allCoordinates(data);
    for (const v of coords) expect(Math.abs(Math.round(v * 1e7) / 1e7 - v)).toBeLessThan(1e-12);
    for (const row of data.standard_addresses) {
      const [lng, lat] = row.geom.coordinates as [number, number];
      expect(lng).toBeGreaterThan(121.5);
      expect(lng).toBeLessThan(121.6);
      expect(lat).toBeGreaterThan(29.84);
      expect(lat).toBeLessThan(29.9);
    }
  });
});
