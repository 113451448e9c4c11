import type { RegisterSpec } from '../register-spec.js';

export const UNIT_STATUSES = ['AVAILABLE', 'DISPATCHED', 'EN_ROUTE', 'ON_SCENE', 'BUSY', 'OUT_OF_SERVICE', 'OFF_DUTY'] as const;

export const patrolUnits: RegisterSpec = {
  id: 'patrol-units', table: 'patrol_units', title: { zh: '巡逻力量', en: 'Patrol units' }, group: 'patrol',
  geometry: 'Point', placedByAddress: false, label: 'call_sign',
  fields: {
    call_sign: { kind: 'text', required: true, maxLength: 20, searchable: true },
    kind: { kind: 'enum', values: ['foot', 'bike', 'car'], required: true, filter: true },
    home_beat_id: { kind: 'ref', register: 'beats', filter: true },
    status: { kind: 'enum', values: UNIT_STATUSES, filter: true },
    members: { kind: 'integer', min: 1, max: 20 },
  },
  tileAttributes: ['call_sign', 'kind', 'status'],
};

export const patrolRoutes: RegisterSpec = {
  id: 'patrol-routes', table: 'patrol_routes', title: { zh: '巡逻路线', en: 'Patrol routes' }, group: 'patrol',
  geometry: 'LineString', placedByAddress: false, label: 'name',
  fields: {
    name: { kind: 'text', required: true, maxLength: 100, searchable: true },
    unit_id: { kind: 'ref', register: 'patrol-units', filter: true },
    schedule: { kind: 'text', maxLength: 200 },
  },
  tileAttributes: ['name'],
};

export const checkpoints: RegisterSpec = {
  id: 'checkpoints', table: 'checkpoints', title: { zh: '巡逻必到点', en: 'Checkpoints' }, group: 'patrol',
  geometry: 'Point', placedByAddress: false, label: 'name',
  fields: {
    name: { kind: 'text', required: true, maxLength: 100, searchable: true },
    route_id: { kind: 'ref', register: 'patrol-routes', filter: true },
  },
  tileAttributes: ['name'],
};
