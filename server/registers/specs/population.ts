import type { RegisterSpec } from '../register-spec.js';

export const CARE_TAGS = ['elderly_alone', 'lost_only_child', 'community_correction', 'youth_at_risk', 'key_person'] as const;

/** 实有人口: people at standard addresses. Never drawn as individual points (see tiles). */
export const people: RegisterSpec = {
  id: 'people', table: 'people', title: { zh: '实有人口', en: 'People' }, group: 'population',
  auditReads: true,
  geometry: 'Point', placedByAddress: true, label: 'name',
  fields: {
    name: { kind: 'text', required: true, maxLength: 50, searchable: true },
    gender: { kind: 'enum', values: ['male', 'female'], required: true, filter: true },
    birth_date: { kind: 'date' },
    id_number: { kind: 'text', check: 'idNumber', searchable: true, description: 'GB 11643 resident ID number' },
    phone: { kind: 'text', check: 'phone', searchable: true },
    category: { kind: 'enum', values: ['registered', 'floating', 'foreign'], required: true, filter: true },
    care_tags: { kind: 'enumSet', values: CARE_TAGS },
    moved_in: { kind: 'date', description: 'moved in to the current address' },
    moved_out: { kind: 'date', description: 'moved out; the address is then no longer current' },
  },
  tileAttributes: [],
  rule: (r) => (r.moved_in && r.moved_out && String(r.moved_out) < String(r.moved_in)
    ? ['moved_out', 'must not be before moved_in'] : null),
};

/** 实有房屋: houses (dwellings at a unit or room address). */
export const houses: RegisterSpec = {
  id: 'houses', table: 'houses', title: { zh: '实有房屋', en: 'Houses' }, group: 'population',
  geometry: 'Point', placedByAddress: true, label: 'use',
  fields: {
    use: { kind: 'enum', values: ['self_occupied', 'rented', 'vacant'], required: true, filter: true },
    landlord_id: { kind: 'ref', register: 'people', filter: true },
    area_m2: { kind: 'number', min: 1, max: 100_000 },
    tenants: { kind: 'integer', min: 0, max: 1000 },
  },
  tileAttributes: ['use'],
};
