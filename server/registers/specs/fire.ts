import type { RegisterSpec } from '../register-spec.js';

export const hydrants: RegisterSpec = {
  id: 'hydrants', table: 'hydrants', title: { zh: '消防栓', en: 'Hydrants' }, group: 'fire',
  geometry: 'Point', placedByAddress: false, label: 'code',
  fields: {
    code: { kind: 'text', required: true, maxLength: 30, searchable: true },
    kind: { kind: 'enum', values: ['underground', 'above_ground', 'wall'], required: true, filter: true },
    status: { kind: 'enum', values: ['in_service', 'faulty', 'out_of_service'], required: true, filter: true },
    last_inspected_on: { kind: 'date' },
  },
  tileAttributes: ['code', 'status', 'last_inspected_on'],
};

export const fireHazards: RegisterSpec = {
  id: 'fire-hazards', table: 'fire_hazards', title: { zh: '火灾隐患', en: 'Fire hazards' }, group: 'fire',
  geometry: 'Point', placedByAddress: true, label: 'description',
  fields: {
    premises_id: { kind: 'ref', register: 'premises', filter: true },
    description: { kind: 'text', required: true, maxLength: 2000 },
    level: { kind: 'enum', values: ['general', 'major'], required: true, filter: true },
    deadline: { kind: 'date' },
    status: { kind: 'enum', values: ['open', 'rectifying', 'closed'], required: true, filter: true },
  },
  tileAttributes: ['level', 'status', 'deadline'],
};

export const fireStations: RegisterSpec = {
  id: 'fire-stations', table: 'fire_stations', title: { zh: '消防站', en: 'Fire stations' }, group: 'fire',
  geometry: 'Point', placedByAddress: true, label: 'name',
  fields: {
    name: { kind: 'text', required: true, maxLength: 100, searchable: true },
    kind: { kind: 'enum', values: ['fire_rescue', 'special_service', 'micro'], required: true, filter: true },
    phone: { kind: 'text', check: 'phone' },
    vehicles: { kind: 'integer', min: 0, max: 100 },
  },
  tileAttributes: ['name', 'kind'],
};
