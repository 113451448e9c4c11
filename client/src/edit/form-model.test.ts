import { describe, expect, it } from 'vitest';
import {
  changedMeanwhile,
  conflictRows,
  draftChanges,
  formFields,
  fromFormValue,
  initialFormValue,
  reapplyChanges,
  sameValue,
  serverFieldError,
  specOf,
  toFormValue,
  toLocalDateTime,
  type FormField,
} from './form-model.js';

const fieldsOf = (register: string) => formFields(specOf(register)!);
const field = (register: string, name: string): FormField => fieldsOf(register).find((f) => f.name === name)!;

describe('form fields from the register specs', () => {
  it('gives every register a form with its spec fields in order', () => {
    expect(fieldsOf('hydrants').map((f) => [f.name, f.input, f.required])).toEqual([
      ['code', 'text', true], ['kind', 'select', true], ['status', 'select', true], ['last_inspected_on', 'date', false],
    ]);
    expect(specOf('nope')).toBeNull();
  });

  it('chooses inputs by kind, with limits from the spec', () => {
    expect(field('people', 'care_tags')).toMatchObject({ input: 'checkboxes', values: ['elderly_alone', 'lost_only_child', 'community_correction', 'youth_at_risk', 'key_person'] });
    expect(field('houses', 'area_m2')).toMatchObject({ input: 'number', min: 1, max: 100_000, step: 'any' });
    expect(field('houses', 'tenants')).toMatchObject({ input: 'number', min: 0, max: 1000, step: '1' });
    expect(field('houses', 'landlord_id')).toMatchObject({ input: 'number', min: 1, step: '1', kind: 'ref' });
    expect(field('cases', 'narrative')).toMatchObject({ input: 'textarea', maxLength: 5000 });
    expect(field('cases', 'occurred_from')).toMatchObject({ input: 'datetime-local', required: true });
    expect(field('cases', 'code')).toMatchObject({ input: 'text', maxLength: 10 });
  });
});

describe('form values', () => {
  it('shows record values as form text', () => {
    expect(toFormValue(field('hydrants', 'last_inspected_on'), null)).toBe('');
    expect(toFormValue(field('houses', 'area_m2'), 80.5)).toBe('80.5');
    expect(toFormValue(field('people', 'care_tags'), ['key_person'])).toEqual(['key_person']);
    expect(toFormValue(field('people', 'care_tags'), null)).toEqual([]);
    expect(toFormValue(field('cases', 'occurred_from'), '2026-03-01T08:30:00.000Z')).toBe(toLocalDateTime('2026-03-01T08:30:00.000Z'));
    expect(toLocalDateTime('not a date')).toBe('');
  });

  it('reads form text as API values, refusing what is not one', () => {
    expect(fromFormValue(field('houses', 'tenants'), ' 3 ')).toEqual({ ok: true, value: 3 });
    expect(fromFormValue(field('houses', 'tenants'), '3.5')).toEqual({ ok: false, error: 'edit.notAnInteger' });
    expect(fromFormValue(field('houses', 'area_m2'), '3.5')).toEqual({ ok: true, value: 3.5 });
    expect(fromFormValue(field('houses', 'area_m2'), 'abc')).toEqual({ ok: false, error: 'edit.notANumber' });
    expect(fromFormValue(field('houses', 'area_m2'), '')).toEqual({ ok: true, value: null });
    expect(fromFormValue(field('hydrants', 'code'), '  ')).toEqual({ ok: false, error: 'edit.required' });
    expect(fromFormValue(field('people', 'care_tags'), ['key_person', 'elderly_alone'])).toEqual({ ok: true, value: ['elderly_alone', 'key_person'] });
    const local = toLocalDateTime('2026-03-01T08:30:00.000Z');
    expect(fromFormValue(field('cases', 'occurred_from'), local)).toEqual({ ok: true, value: '2026-03-01T08:30:00.000Z' });
    expect(fromFormValue(field('cases', 'occurred_from'), '2026-13-45T99:99')).toEqual({ ok: false, error: 'edit.badDateTime' });
  });

  it('compares values as the record means them', () => {
    expect(sameValue('datetime', '2026-03-01T08:30:00Z', '2026-03-01T08:30:00.000Z')).toBe(true);
    expect(sameValue('enumSet', ['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue('enumSet', ['a'], [])).toBe(false);
    expect(sameValue('text', null, '')).toBe(true);
    expect(sameValue('number', 3, 3.0)).toBe(true);
    expect(sameValue('text', 'a', 'b')).toBe(false);
  });
});

describe('draft changes', () => {
  const fields = fieldsOf('hydrants');
  const base = { id: 1, version: 2, code: 'XF-1', kind: 'wall', status: 'in_service', last_inspected_on: null };

  it('sends only the fields the officer changed', () => {
    const draft = { code: 'XF-1', kind: 'wall', status: 'faulty', last_inspected_on: '2026-05-01' };
    expect(draftChanges(fields, base, draft)).toEqual({ changes: { status: 'faulty', last_inspected_on: '2026-05-01' }, errors: {} });
  });

  it('has no changes for an untouched form, even with datetimes shown to the minute', () => {
    const cases = fieldsOf('cases');
    const record = { occurred_from: '2026-03-01T08:30:15.123Z', occurred_to: null, reported_at: '2026-03-01T09:00:00.000Z', case_no: 'A1' };
    const draft = Object.fromEntries(cases.map((f) => [f.name, toFormValue(f, (record as Record<string, unknown>)[f.name])]));
    expect(draftChanges(cases, record, draft)).toEqual({ changes: {}, errors: {} });
  });

  it('reports what it cannot read, per field', () => {
    expect(draftChanges(fields, base, { code: '' }).errors).toEqual({ code: 'edit.required' });
  });
});

describe('server errors on fields', () => {
  const fields = fieldsOf('people');
  it('finds the field in either form the server names it', () => {
    expect(serverFieldError(fields, { field: 'phone', message: 'phone: must be an 11-digit mobile number' }))
      .toEqual({ field: 'phone', reason: 'must be an 11-digit mobile number' });
    expect(serverFieldError(fields, { field: 'body.care_tags.0', message: 'body.care_tags.0: must be equal to one of the allowed values' }))
      .toEqual({ field: 'care_tags', reason: 'must be equal to one of the allowed values' });
  });

  it('leaves errors about other things to the form', () => {
    expect(serverFieldError(fields, { field: 'geometry', message: 'geometry: is required' })).toEqual({ field: null, reason: 'is required' });
    expect(serverFieldError(fields, { field: null, message: 'boom' })).toEqual({ field: null, reason: 'boom' });
  });
});

describe('conflicts', () => {
  const fields = fieldsOf('hydrants');
  const base = { code: 'XF-1', kind: 'wall', status: 'in_service', last_inspected_on: null };
  const current = { code: 'XF-1', kind: 'underground', status: 'faulty', last_inspected_on: null };

  it('lists every field either side changed, marking clashes', () => {
    const rows = conflictRows(fields, base, { status: 'out_of_service', code: 'XF-2' }, current);
    expect(rows.map((r) => [r.field, r.base, r.mine, r.theirs, r.mineChanged, r.theirsChanged, r.clash])).toEqual([
      ['code', 'XF-1', 'XF-2', 'XF-1', true, false, false],
      ['kind', 'wall', 'wall', 'underground', false, true, false],
      ['status', 'in_service', 'out_of_service', 'faulty', true, true, true],
    ]);
  });

  it('is no clash when both made the same change', () => {
    expect(conflictRows(fields, base, { status: 'faulty' }, current).find((r) => r.field === 'status')!.clash).toBe(false);
  });

  it('re-applies the officer\'s changes on the current version, leaving out what it already holds', () => {
    expect(reapplyChanges(fields, { status: 'out_of_service', code: 'XF-2' }, current)).toEqual({ code: 'XF-2', status: 'out_of_service' });
    expect(reapplyChanges(fields, { status: 'faulty' }, current)).toEqual({});
  });

  it('finds who changed the record meanwhile', () => {
    const history = [{ version: 1, actor: 'a' }, { version: 3, actor: 'c' }, { version: 2, actor: 'b' }];
    expect(changedMeanwhile(history, 1)).toEqual({ version: 3, actor: 'c' });
    expect(changedMeanwhile(history, 3)).toBeNull();
  });
});

describe('masked fields in the edit form', () => {
  const fields = fieldsOf('people');
  const person = {
    id: 3, version: 1, name: '李四', gender: 'male', category: 'registered', id_number: '330203********123X', phone: '138****5678',
    care_tags: null, masked: ['id_number', 'phone', 'care_tags'],
  };
  const draftOf = (changes: Record<string, string | string[]>) => ({
    ...Object.fromEntries(fields.map((f) => [f.name, initialFormValue(f, person)])), ...changes,
  });

  it('starts masked fields empty, never with the masked text', () => {
    expect(initialFormValue(field('people', 'id_number'), person)).toBe('');
    expect(initialFormValue(field('people', 'phone'), person)).toBe('');
    expect(initialFormValue(field('people', 'care_tags'), person)).toEqual([]);
    expect(initialFormValue(field('people', 'name'), person)).toBe('李四');
  });

  it('sends nothing for masked fields left empty, and only what was changed', () => {
    expect(draftChanges(fields, person, draftOf({}))).toEqual({ changes: {}, errors: {} });
    expect(draftChanges(fields, person, draftOf({ name: '李四四' }))).toEqual({ changes: { name: '李四四' }, errors: {} });
  });

  it('sends a masked field typed into as the new value', () => {
    expect(draftChanges(fields, person, draftOf({ phone: ' 13912345678 ', care_tags: ['key_person'] })).changes)
      .toEqual({ phone: '13912345678', care_tags: ['key_person'] });
  });

  it('never sends the masked text back, even when the server lists no masked fields for a draft that kept it', () => {
    const changes = draftChanges(fields, person, draftOf({ name: '王五' })).changes;
    expect(Object.values(changes).some((v) => typeof v === 'string' && v.includes('*'))).toBe(false);
  });
});
