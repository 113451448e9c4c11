import type { RegisterSpec } from '../register-spec.js';

/** Cases and incidents. Type is (code_system, code) from the seeded case_codes table. */
export const cases: RegisterSpec = {
  id: 'cases', table: 'cases', title: { zh: '案件', en: 'Cases' }, group: 'cases',
  auditReads: true,
  geometry: 'Point', placedByAddress: true, label: 'case_no',
  fields: {
    case_no: { kind: 'text', required: true, maxLength: 30, searchable: true },
    code_system: { kind: 'enum', values: ['GA240.1', 'NIBRS'], required: true, filter: true },
    code: { kind: 'code', systemField: 'code_system', required: true, description: 'case type code in the code system' },
    occurred_from: { kind: 'datetime', required: true },
    occurred_to: { kind: 'datetime' },
    reported_at: { kind: 'datetime', required: true },
    premises_id: { kind: 'ref', register: 'premises', filter: true },
    status: { kind: 'enum', values: ['open', 'under_investigation', 'solved', 'closed'], required: true, filter: true },
    narrative: { kind: 'text', maxLength: 5000 },
  },
  tileAttributes: ['case_no', 'code_system', 'code', 'status', 'occurred_from'],
  rule: (r) => (r.occurred_to && r.occurred_from && new Date(String(r.occurred_to)) < new Date(String(r.occurred_from))
    ? ['occurred_to', 'must not be before occurred_from'] : null),
};
