import type { RegisterSpec } from '../register-spec.js';

export const TRADES = ['hotel', 'internet_cafe', 'entertainment', 'pawn_second_hand', 'repair', 'catering',
  'hazardous_chemicals', 'retail', 'other'] as const;

/** 实有单位: premises and trades at an address. */
export const premises: RegisterSpec = {
  id: 'premises', table: 'premises', title: { zh: '实有单位', en: 'Premises' }, group: 'premises',
  geometry: 'Point', placedByAddress: true, label: 'name',
  fields: {
    name: { kind: 'text', required: true, maxLength: 100, searchable: true },
    trade: { kind: 'enum', values: TRADES, required: true, filter: true },
    licence_no: { kind: 'text', maxLength: 50 },
    credit_code: { kind: 'text', check: 'creditCode', description: 'GB 32100 unified social credit code' },
    responsible_person_id: { kind: 'ref', register: 'people', filter: true },
    phone: { kind: 'text', check: 'phone' },
    risk_level: { kind: 'enum', values: ['low', 'medium', 'high'], filter: true },
    status: { kind: 'enum', values: ['open', 'suspended', 'closed'], filter: true },
  },
  tileAttributes: ['name', 'trade', 'risk_level', 'status'],
};

/** Inspections of premises (incl. fire inspections); placed at their premises. */
export const inspections: RegisterSpec = {
  id: 'inspections', table: 'inspections', title: { zh: '检查记录', en: 'Inspections' }, group: 'premises',
  geometry: 'Point', placedByAddress: true, label: 'kind',
  fields: {
    premises_id: { kind: 'ref', register: 'premises', required: true, filter: true },
    inspected_on: { kind: 'date', required: true },
    inspector: { kind: 'text', required: true, maxLength: 50 },
    kind: { kind: 'enum', values: ['routine', 'fire', 'security', 'special', 'follow_up'], required: true, filter: true },
    findings: { kind: 'text', maxLength: 2000 },
    rectification_deadline: { kind: 'date' },
    status: { kind: 'enum', values: ['passed', 'rectification_required', 'rectified', 'overdue'], required: true, filter: true },
    follow_up: { kind: 'text', maxLength: 2000 },
  },
  tileAttributes: ['kind', 'status', 'rectification_deadline'],
  rule: (r) => (r.status === 'rectification_required' && !r.rectification_deadline
    ? ['rectification_deadline', 'is required while rectification is required'] : null),
};
