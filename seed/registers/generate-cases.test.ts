import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromLngLat } from '../district/geometry.js';
import { DEFAULT_SEED, generateDistrict } from '../district/generate-district.js';
import { chinaHour, chinaWeekday } from './clock.js';
import { REGISTER_SCALES, generateRegisters } from './generate-registers.js';
import type { LngLat } from './types.js';

// The demo scale: big enough for the patterns to show, and its sizes are checked on the way.
const district = generateDistrict({ scale: 'demo' });
const data = generateRegisters(district, { scale: 'demo', seed: DEFAULT_SEED });

/** Share of all points in the busiest `top` fraction of the occupied 200 m grid cells. */
function topCellShare(points: readonly LngLat[], top: number): number {
  const cells = new Map<string, number>();
  for (const p of points) {
    const [x, y] = fromLngLat(p);
    const key = `${Math.floor(x / 200)}:${Math.floor(y / 200)}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const counts = [...cells.values()].sort((a, b) => b - a);
  const n = Math.max(1, Math.ceil(counts.length * top));
  return counts.slice(0, n).reduce((a, b) => a + b, 0) / points.length;
}

describe('demo-scale registers', () => {
  it('have the demo sizes', () => {
    expect(data.people.length).toBeGreaterThan(30_000);
    expect(data.people.length).toBeLessThan(50_000);
    expect(data.premises.length).toBeGreaterThanOrEqual(3_000);
    expect(data.premises.length).toBeLessThanOrEqual(5_000);
    expect(data.cases).toHaveLength(REGISTER_SCALES.demo.cases);
    expect(data.patrol_units).toHaveLength(60);
    expect(data.organisations.length).toBeGreaterThan(24);
  });
});

describe('cases', () => {
  it('cluster in hotspots', () => {
    const cases = topCellShare(data.cases.map((c) => c.geom), 0.05);
    // Homes are clustered too (estates); cases must be clearly more concentrated than where people live.
    const homes = topCellShare(data.houses.map((h) => h.geom), 0.05);
    expect(cases).toBeGreaterThan(0.3);
    expect(cases).toBeGreaterThan(1.5 * homes);
  });

  it('peak in the evening and at night, and are rare before dawn', () => {
    const byHour = Array.from({ length: 24 }, () => 0);
    for (const c of data.cases) byHour[chinaHour(Date.parse(c.occurred_from))]!++;
    const peak = byHour.indexOf(Math.max(...byHour));
    expect(peak).toBeGreaterThanOrEqual(18);
    expect(peak).toBeLessThanOrEqual(23);
    const evening = byHour.slice(18, 24).reduce((a, b) => a + b, 0) / data.cases.length;
    expect(evening).toBeGreaterThan(0.32);
    expect(Math.min(...byHour.slice(3, 7))).toBeLessThan(0.5 * (data.cases.length / 24));
  });

  it('bring fights at weekends and burglaries on weekdays', () => {
    const perDay = (codes: string[], weekend: boolean) => data.cases.filter((c) => codes.includes(c.code)
      && [0, 6].includes(chinaWeekday(Date.parse(c.occurred_from))) === weekend).length / (weekend ? 2 : 5);
    const fights = ['040200', '060100', '060200', '13A', '13B'];
    expect(perDay(fights, true)).toBeGreaterThan(1.3 * perDay(fights, false));
    expect(perDay(['050201', '220'], false)).toBeGreaterThan(perDay(['050201', '220'], true));
  });

  it('are numbered uniquely in report order, with consistent times', () => {
    expect(new Set(data.cases.map((c) => c.case_no)).size).toBe(data.cases.length);
    for (let i = 0; i < data.cases.length; i++) {
      const c = data.cases[i]!;
      expect(c.case_no).toMatch(/^A3302035000(202[3-6])\d{6}$/);
      if (i > 0) expect(data.cases[i - 1]!.reported_at <= c.reported_at).toBe(true);
      if (c.occurred_to) expect(c.occurred_to >= c.occurred_from).toBe(true);
      expect(c.reported_at >= (c.occurred_to ?? c.occurred_from)).toBe(true);
      expect(c.occurred_from >= '2023-06-29').toBe(true);
    }
    expect(data.cases.some((c) => c.occurred_to !== null)).toBe(true);
    expect(data.cases.filter((c) => c.premises_id !== null).length / data.cases.length).toBeGreaterThan(0.1);
  });

  it('use the codes migration 0002 seeds, GA 240.1 mostly and some NIBRS', () => {
    const migration = readFileSync(new URL('../../migrations/0002_registers.ts', import.meta.url), 'utf8');
    const known = new Set([...migration.matchAll(/\['(GA240\.1|NIBRS)', '(\w+)'/g)].map((m) => `${m[1]}:${m[2]}`));
    expect(known.size).toBeGreaterThan(20);
    for (const c of data.cases) expect(known.has(`${c.code_system}:${c.code}`), `${c.code_system}:${c.code}`).toBe(true);
    const nibrs = data.cases.filter((c) => c.code_system === 'NIBRS').length / data.cases.length;
    expect(nibrs).toBeGreaterThan(0.05);
    expect(nibrs).toBeLessThan(0.2);
  });
});
