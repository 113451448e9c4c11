import { describe, expect, it } from 'vitest';
import { CASE_PERSON_FIELDS, maskIdNumber, maskName, maskPhone, maskRecord, maskText, sensitiveFields } from './masking.js';
import { people } from '../registers/specs/population.js';

describe('masking', () => {
  it('masks an ID number to its first 6 and last 4 characters', () => {
    expect(maskIdNumber('33020319900101123X')).toBe('330203********123X');
    expect(maskIdNumber('330203900101123')).toBe('330203*****1123'); // old 15-digit numbers
    expect(maskIdNumber('1234567890')).toBe('**********');
  });

  it('masks a mobile number to 3 + 4 digits, other numbers to their last 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0574-87654321')).toBe('****-****4321');
    expect(maskPhone('110')).toBe('110');
  });

  it('shortens a name to its family name', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李娜')).toBe('李*');
    expect(maskName('欧阳')).toBe('欧*');
  });

  it('masks the personal fields of a people record found from its spec, and says which', () => {
    const sensitive = sensitiveFields(people.fields);
    expect(sensitive).toEqual({ id_number: 'id_number', phone: 'phone', care_tags: 'care_tags' });
    const record = { id: 7, name: '王小明', id_number: '33020319900101123X', phone: '13812345678', care_tags: ['elderly_alone'], birth_date: null };
    const { value, masked } = maskRecord(record, sensitive);
    expect(value).toEqual({ id: 7, name: '王小明', id_number: '330203********123X', phone: '138****5678', care_tags: null, birth_date: null });
    expect(masked).toEqual(['id_number', 'phone', 'care_tags']);
    expect(record.id_number).toBe('33020319900101123X'); // input untouched
  });

  it('masks a case person: name, ID number, phone; withholds care tags; leaves nulls alone', () => {
    const { value, masked } = maskRecord({ name: '张伟', id_number: '330203198512120017', phone: null, care_tags: ['key_person'], role: 'suspect' }, CASE_PERSON_FIELDS);
    expect(value).toEqual({ name: '张*', id_number: '330203********0017', phone: null, care_tags: null, role: 'suspect' });
    expect(masked).toEqual(['name', 'id_number', 'care_tags']);
  });

  it('masks ID numbers and mobiles inside free text, not other digits', () => {
    expect(maskText('报警人 13812345678，身份证 33020319900101123X，案号 A33020350002026000123'))
      .toBe('报警人 138****5678，身份证 330203********123X，案号 A33020350002026000123');
  });
});
