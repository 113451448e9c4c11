import type { RegisterSpec } from '../register-spec.js';

/** CCTV cameras: position, direction and field of view (the view cone is derived). */
export const cameras: RegisterSpec = {
  id: 'cameras', table: 'cameras', title: { zh: '视频监控', en: 'Cameras' }, group: 'resources',
  geometry: 'Point', placedByAddress: false, label: 'name',
  fields: {
    name: { kind: 'text', required: true, maxLength: 100, searchable: true },
    kind: { kind: 'enum', values: ['public_security', 'traffic', 'community', 'private'], required: true, filter: true },
    direction_deg: { kind: 'integer', min: 0, max: 359, description: 'bearing the camera faces, degrees clockwise from north' },
    fov_deg: { kind: 'integer', min: 1, max: 360, description: 'horizontal field of view, degrees' },
    range_m: { kind: 'integer', min: 1, max: 1000, description: 'useful viewing distance, metres' },
    owner: { kind: 'text', maxLength: 100 },
    contact_phone: { kind: 'text', check: 'phone' },
    status: { kind: 'enum', values: ['working', 'faulty', 'offline'], filter: true },
  },
  tileAttributes: ['name', 'kind', 'status', 'direction_deg', 'fov_deg', 'range_m'],
};

export const guardPosts: RegisterSpec = {
  id: 'guard-posts', table: 'guard_posts', title: { zh: '保安岗亭', en: 'Guard posts' }, group: 'resources',
  geometry: 'Point', placedByAddress: true, label: 'name',
  fields: {
    name: { kind: 'text', required: true, maxLength: 100, searchable: true },
    organisation: { kind: 'text', maxLength: 100 },
    guards: { kind: 'integer', min: 0, max: 500 },
    hours: { kind: 'text', maxLength: 50 },
    contact_name: { kind: 'text', maxLength: 50 },
    contact_phone: { kind: 'text', check: 'phone' },
  },
  tileAttributes: ['name', 'guards'],
};

/** Volunteers and harmony promoters (和谐促进员): a person with duties in a team. */
export const volunteers: RegisterSpec = {
  id: 'volunteers', table: 'volunteers', title: { zh: '志愿者与和谐促进员', en: 'Volunteers' }, group: 'resources',
  geometry: 'Point', placedByAddress: true, label: 'team',
  fields: {
    person_id: { kind: 'ref', register: 'people', required: true, filter: true },
    kind: { kind: 'enum', values: ['volunteer', 'harmony_promoter'], required: true, filter: true },
    team: { kind: 'text', maxLength: 100 },
    duties: { kind: 'enumSet', values: ['information', 'mediation', 'patrol', 'fire_watch', 'care_visits'] },
    contact_phone: { kind: 'text', check: 'phone' },
  },
  tileAttributes: ['kind', 'team'],
};

/** Community organisations, schools, hospitals … with contacts. */
export const organisations: RegisterSpec = {
  id: 'organisations', table: 'organisations', title: { zh: '社会组织', en: 'Organisations' }, group: 'resources',
  geometry: 'Point', placedByAddress: true, label: 'name',
  fields: {
    name: { kind: 'text', required: true, maxLength: 100, searchable: true },
    kind: { kind: 'enum', values: ['community_org', 'school', 'hospital', 'company', 'government', 'religious', 'other'], required: true, filter: true },
    contact_name: { kind: 'text', maxLength: 50 },
    contact_phone: { kind: 'text', check: 'phone' },
  },
  tileAttributes: ['name', 'kind'],
};
