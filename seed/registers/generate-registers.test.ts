import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../server/registers/register-spec.js';
import { REGISTERS } from '../../server/registers/specs/index.js';
import { checkCreditCode, checkIdNumber, checkPhone } from '../../server/registers/validation/identifiers.js';
import { type XY, fromLngLat, pointInMulti } from '../district/geometry.js';
import { DEFAULT_SEED, generateDistrict } from '../district/generate-district.js';
import { createRng } from '../district/random.js';
import { makeClock } from './clock.js';
import { indexDistrict } from './district-index.js';
import { REGISTER_SCALES, generateRegisters } from './generate-registers.js';
import { planPopulation } from './generate-people.js';
import { REGISTER_TABLES, type RegisterRows } from './types.js';

const district = generateDistrict({ scale: 'test' });
const data = generateRegisters(district, { scale: 'test', seed: DEFAULT_SEED });
const rowsOf = (table: keyof RegisterRows) => data[table] as unknown as Record<string, unknown>[];
const now = new Date(makeClock().nowMs).toISOString();
const beats = district.beats.map((b) => b.geom.coordinates.map((poly) => poly.map((ring) => ring.map((p) => fromLngLat(p)))));

/** Why `value` breaks the API's rule for the field, or null. Mirrors what a PATCH would check. */
function fieldProblem(field: FieldSpec, value: unknown): string | null {
  if (value === null || value === undefined) return 'required' in field && field.required ? 'missing' : null;
  switch (field.kind) {
    case 'text': {
      const text = String(value);
      if (field.maxLength && text.length > field.maxLength) return `longer than ${field.maxLength}`;
      if (field.check === 'idNumber') return checkIdNumber(text);
      if (field.check === 'creditCode') return checkCreditCode(text);
      if (field.check === 'phone') return checkPhone(text);
      return text.length === 0 ? 'empty' : null;
    }
    case 'enum': return field.values.includes(String(value)) ? null : `not one of ${field.values.join(', ')}`;
    case 'enumSet': return (value as string[]).every((v) => field.values.includes(v)) ? null : 'unknown member';
    case 'integer': case 'number': {
      const n = Number(value);
      return n >= field.min && n <= field.max && (field.kind === 'number' || Number.isInteger(n)) ? null : 'out of range';
    }
    default: return null;
  }
}

describe('generateRegisters', () => {
  it('is deterministic, and another seed gives other data', () => {
    expect(generateRegisters(district, { scale: 'test', seed: DEFAULT_SEED })).toEqual(data);
    const other = generateRegisters(district, { scale: 'test', seed: 7 });
    expect(other.people.slice(0, 20)).not.toEqual(data.people.slice(0, 20));
  });

  it('fills every register at the test scale', () => {
    for (const table of REGISTER_TABLES) expect(data[table].length, table).toBeGreaterThan(0);
    const rooms = district.standard_addresses.filter((a) => a.level === 'room').length;
    expect(data.people.length).toBeGreaterThanOrEqual(1000);
    expect(data.people.length).toBeLessThanOrEqual(3000);
    expect(data.houses).toHaveLength(rooms);
    expect(data.premises).toHaveLength(REGISTER_SCALES.test.premises);
    expect(data.cases).toHaveLength(REGISTER_SCALES.test.cases);
    expect(data.patrol_units).toHaveLength(REGISTER_SCALES.test.patrolUnits);
    expect(data.inspections.length).toBeGreaterThanOrEqual(data.premises.length);
    expect(data.inspections.length).toBeLessThanOrEqual(3 * data.premises.length);
  });

  it('plans about a million people at the bench scale', () => {
    const bench = planPopulation(createRng(DEFAULT_SEED), indexDistrict(generateDistrict({ scale: 'bench' })), REGISTER_SCALES.bench);
    expect(bench.people).toBeGreaterThan(950_000);
    expect(bench.people).toBeLessThan(1_050_000);
    expect(REGISTER_SCALES.bench).toMatchObject({ premises: 100_000, cases: 1_000_000, patrolUnits: 1_000 });
  });

  it('gives every row an id, provenance, a jurisdiction and a location inside that beat', () => {
    for (const table of REGISTER_TABLES) {
      rowsOf(table).forEach((row, i) => {
        expect(row.id, table).toBe(i + 1);
        const beat = district.beats[(row.beat_id as number) - 1];
        expect(beat?.community_id, `${table} ${row.id}`).toBe(row.community_id);
        const geom = row.geom as [number, number] | { coordinates: [number, number][] };
        const points = Array.isArray(geom) ? [geom] : geom.coordinates;
        for (const p of points) expect(pointInMulti(fromLngLat(p) as XY, beats[beat!.id - 1]!), `${table} ${row.id}`).toBe(true);
        const [created, updated, verified] = [String(row.created_at), String(row.updated_at), row.verified_at as string | null];
        expect(created <= now && created <= updated, `${table} ${row.id}`).toBe(true);
        if (verified !== null) expect(created <= verified && verified <= now && updated === verified, `${table} ${row.id}`).toBe(true);
        expect(row.collected_by).toBeTruthy();
      });
    }
  });

  it('passes the API\'s field rules (lengths, enums, ranges, ID numbers, credit codes, phones)', () => {
    for (const spec of REGISTERS) {
      for (const row of rowsOf(spec.table as keyof RegisterRows)) {
        for (const [name, field] of Object.entries(spec.fields)) {
          expect(fieldProblem(field, row[name]), `${spec.table} ${row.id} ${name}=${String(row[name])}`).toBeNull();
        }
        expect(spec.rule?.(row) ?? null, `${spec.table} ${row.id}`).toBeNull();
      }
    }
  });

  it('refers only to rows that exist', () => {
    const has = (table: keyof RegisterRows, id: unknown) => id === null || (Number(id) >= 1 && Number(id) <= data[table].length);
    expect(data.houses.every((h) => has('people', h.landlord_id))).toBe(true);
    expect(data.premises.every((p) => has('people', p.responsible_person_id))).toBe(true);
    expect(data.inspections.every((x) => has('premises', x.premises_id))).toBe(true);
    expect(data.volunteers.every((v) => has('people', v.person_id))).toBe(true);
    expect(data.fire_hazards.every((f) => has('premises', f.premises_id))).toBe(true);
    expect(data.patrol_routes.every((r) => has('patrol_units', r.unit_id))).toBe(true);
    expect(data.checkpoints.every((c) => has('patrol_routes', c.route_id))).toBe(true);
    expect(data.cases.every((c) => has('premises', c.premises_id))).toBe(true);
    const addresses = district.standard_addresses.length;
    for (const table of REGISTER_TABLES) {
      expect(rowsOf(table).every((r) => r.address_id === null || (Number(r.address_id) >= 1 && Number(r.address_id) <= addresses)), table).toBe(true);
    }
  });

  it('leaves about a quarter of each big register unverified for 90 days', () => {
    const cutoff = new Date(makeClock().nowMs - 90 * 86_400_000).toISOString();
    for (const table of ['people', 'houses', 'premises', 'cases', 'hydrants'] as const) {
      const rows = rowsOf(table);
      const stale = rows.filter((r) => r.verified_at === null || String(r.verified_at) < cutoff).length / rows.length;
      expect(stale, table).toBeGreaterThan(0.18);
      expect(stale, table).toBeLessThan(0.32);
    }
  });

  it('mixes residents: registered, floating (mostly in rented homes), ~1 % foreign, some in care', () => {
    const share = (f: (p: (typeof data.people)[number]) => boolean) => data.people.filter(f).length / data.people.length;
    expect(share((p) => p.category === 'registered')).toBeGreaterThan(0.5);
    expect(share((p) => p.category === 'floating')).toBeGreaterThan(0.1);
    expect(share((p) => p.category === 'foreign')).toBeGreaterThan(0.002);
    expect(share((p) => p.category === 'foreign')).toBeLessThan(0.03);
    expect(share((p) => p.care_tags.length > 0)).toBeGreaterThan(0.01);
    expect(share((p) => p.care_tags.length > 0)).toBeLessThan(0.1);
    const rented = new Set(data.houses.filter((h) => h.use === 'rented').map((h) => h.address_id));
    const inRented = data.people.filter((p) => rented.has(p.address_id));
    const floatingShare = (rows: typeof data.people) => rows.filter((p) => p.category === 'floating').length / rows.length;
    expect(floatingShare(inRented)).toBeGreaterThan(3 * floatingShare(data.people.filter((p) => !rented.has(p.address_id))));
    // ID numbers spell the birth date and gender.
    for (const p of data.people) {
      if (!p.id_number) continue;
      expect(p.id_number.slice(6, 14)).toBe(p.birth_date.replaceAll('-', ''));
      expect(Number(p.id_number.charAt(16)) % 2).toBe(p.gender === 'male' ? 1 : 0);
    }
  });

  it('records one house per home with its tenants and landlord', () => {
    const residents = new Map<number | null, number>();
    for (const p of data.people) residents.set(p.address_id, (residents.get(p.address_id) ?? 0) + 1);
    for (const h of data.houses) {
      if (h.use === 'vacant') expect(residents.get(h.address_id)).toBeUndefined();
      if (h.use === 'rented') {
        expect(h.tenants).toBe(residents.get(h.address_id));
        expect(h.landlord_id).not.toBeNull();
      }
    }
  });

  it('puts catering and retail first among premises, hazardous chemicals last', () => {
    const count = (trade: string) => data.premises.filter((p) => p.trade === trade).length;
    expect(count('catering') + count('retail')).toBeGreaterThan(0.45 * data.premises.length);
    expect(count('hazardous_chemicals')).toBeLessThan(0.05 * data.premises.length);
    expect(new Set(data.premises.map((p) => p.credit_code)).size).toBe(data.premises.length);
  });

  it('has some overdue inspections, and a deadline on every one still to be rectified', () => {
    const overdue = data.inspections.filter((x) => x.status === 'overdue').length / data.inspections.length;
    expect(overdue).toBeGreaterThan(0.03);
    expect(overdue).toBeLessThan(0.12);
    for (const x of data.inspections) {
      if (x.status !== 'passed') expect(x.rectification_deadline).not.toBeNull();
      expect(x.inspected_on >= '2024-06-30' && x.inspected_on <= '2026-06-30').toBe(true);
    }
  });

  it('gives patrol units unique call signs, each route in its unit\'s home beat', () => {
    expect(new Set(data.patrol_units.map((u) => u.call_sign)).size).toBe(data.patrol_units.length);
    for (const route of data.patrol_routes) {
      const unit = data.patrol_units[route.unit_id - 1]!;
      expect(route.beat_id).toBe(unit.home_beat_id);
      expect(route.geom.coordinates.length).toBeGreaterThanOrEqual(2);
    }
  });
});
