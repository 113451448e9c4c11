import { describe, expect, it } from 'vitest';
import { registerById } from '../registers/specs/index.js';
import { maskedChanges, maskedRecord, revealedFields } from './record-masking.js';

const people = registerById('people')!;
const cases = registerById('cases')!;

describe('record masking', () => {
  const person = { id: 1, version: 1, name: '王小明', id_number: '33020319900101123X', phone: '13812345678', care_tags: ['elderly_alone'] };

  it('masks ID numbers and phones, withholds care tags, and says which', () => {
    const out = maskedRecord(people, person);
    expect(out).toMatchObject({ name: '王小明', id_number: '330203********123X', phone: '138****5678', care_tags: null });
    expect(out.masked.sort()).toEqual(['care_tags', 'id_number', 'phone']);
    expect(person.id_number).toBe('33020319900101123X'); // the input is untouched
  });

  it('masks ID numbers typed into free text', () => {
    const out = maskedRecord(cases, { id: 2, version: 1, narrative: '报警人 33020319900101123X 电话13812345678' });
    expect(out.narrative).toBe('报警人 330203********123X 电话138****5678');
    expect(out.masked).toEqual(['narrative']);
  });

  it('reveal returns the raw personal fields', () => {
    expect(revealedFields(people, person)).toMatchObject({ id_number: '33020319900101123X', phone: '13812345678', care_tags: ['elderly_alone'] });
  });

  it('masks both sides of a change', () => {
    expect(maskedChanges(people, { phone: { from: null, to: '13812345678' }, name: { from: 'a', to: 'b' } }))
      .toEqual({ phone: { from: null, to: '138****5678' }, name: { from: 'a', to: 'b' } });
  });
});
