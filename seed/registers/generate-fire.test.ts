import { describe, expect, it } from 'vitest';
import { type XY, distToSegment, fromLngLat } from '../district/geometry.js';
import { DEFAULT_SEED, generateDistrict } from '../district/generate-district.js';
import { ROAD_HALF_WIDTH } from '../district/streets.js';
import { generateRegisters } from './generate-registers.js';
import { HYDRANT_SPACING_M } from './generate-fire.js';
import { findJunctions } from './junctions.js';
import { indexDistrict } from './district-index.js';

const district = generateDistrict({ scale: 'test' });
const data = generateRegisters(district, { scale: 'test', seed: DEFAULT_SEED });
const streets = district.streets.map((s) => s.geom.coordinates.map((p) => fromLngLat(p)));
const distanceToStreet = (p: XY, line: readonly XY[]) => Math.min(...line.slice(1).map((b, i) => distToSegment(p, line[i]!, b)));

describe('hydrants', () => {
  const byStreet = new Map<number, { seq: number; at: XY }[]>();
  for (const h of data.hydrants) {
    const [, street, seq] = /^XHS(\d{3})-(\d{3})$/.exec(h.code)!.map(Number);
    byStreet.set(street!, [...(byStreet.get(street!) ?? []), { seq: seq!, at: fromLngLat(h.geom) }]);
  }

  it('stand about every 120 m along each street', () => {
    const gaps: number[] = [];
    for (const list of byStreet.values()) {
      for (let i = 1; i < list.length; i++) {
        // Neighbours in sequence; a spot skipped at a beat edge leaves a gap that isn't compared.
        if (list[i]!.seq === list[i - 1]!.seq + 1) gaps.push(Math.hypot(list[i]!.at[0] - list[i - 1]!.at[0], list[i]!.at[1] - list[i - 1]!.at[1]));
      }
    }
    expect(gaps.length).toBeGreaterThan(100);
    gaps.sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)]!;
    expect(Math.abs(median - HYDRANT_SPACING_M)).toBeLessThan(3);
    // Spacing is measured along the centreline; on a bend the pavement a few metres to the side is a
    // little shorter or longer, and a chord a little shorter than the arc.
    expect(gaps.filter((g) => g > 100 && g < 125).length / gaps.length).toBeGreaterThan(0.95);
  });

  it('stand on the pavement of their own street, and cover every street', () => {
    for (const [street, list] of byStreet) {
      const kind = district.streets[street - 1]!.kind;
      for (const { at } of list) expect(distanceToStreet(at, streets[street - 1]!)).toBeCloseTo(ROAD_HALF_WIDTH[kind] - 1.5, 0);
    }
    expect(byStreet.size).toBeGreaterThan(0.9 * district.streets.length);
  });

  it('are mostly in service, with codes unique', () => {
    expect(new Set(data.hydrants.map((h) => h.code)).size).toBe(data.hydrants.length);
    expect(data.hydrants.filter((h) => h.status === 'in_service').length / data.hydrants.length).toBeGreaterThan(0.8);
    expect(data.hydrants.some((h) => h.status !== 'in_service')).toBe(true);
  });
});

describe('fire hazards and stations', () => {
  it('links some hazards to premises and gives open ones a deadline mostly', () => {
    const linked = data.fire_hazards.filter((f) => f.premises_id !== null).length;
    expect(linked).toBeGreaterThan(0);
    expect(linked).toBeLessThan(data.fire_hazards.length);
    expect(data.fire_hazards.filter((f) => f.deadline !== null).length / data.fire_hazards.length).toBeGreaterThan(0.8);
  });

  it('has rescue stations and a micro station in communities', () => {
    const kinds = data.fire_stations.map((s) => s.kind);
    expect(kinds).toContain('fire_rescue');
    expect(kinds).toContain('micro');
    expect(new Set(data.fire_stations.map((s) => s.name)).size).toBe(data.fire_stations.length);
  });
});

describe('cameras', () => {
  const junctions = findJunctions(indexDistrict(district).streets);

  it('watch the junctions found from the street geometry', () => {
    expect(junctions.length).toBeGreaterThan(20);
    for (const j of junctions) expect(j.streets.length).toBeGreaterThanOrEqual(2);
    const atJunctions = data.cameras.filter((c) => c.name.includes('路口'));
    expect(atJunctions.length).toBeGreaterThan(junctions.length / 2);
  });

  it('have a view sector that starts at the camera and fits its direction, fov and range', () => {
    for (const c of data.cameras) {
      const ring = c.view.coordinates[0]!;
      expect(ring[0]).toEqual(ring.at(-1));
      if (c.fov_deg < 360) expect(ring[0]).toEqual(c.geom);
      expect(c.fov_deg).toBeGreaterThanOrEqual(60);
      expect(c.range_m).toBeGreaterThanOrEqual(30);
      expect(c.range_m).toBeLessThanOrEqual(150);
      const at = fromLngLat(c.geom);
      const far = Math.max(...ring.map((p) => Math.hypot(fromLngLat(p)[0] - at[0], fromLngLat(p)[1] - at[1])));
      expect(far).toBeCloseTo(c.range_m, 0);
    }
    expect(data.cameras.filter((c) => c.status === 'working').length / data.cameras.length).toBeGreaterThan(0.8);
  });
});
