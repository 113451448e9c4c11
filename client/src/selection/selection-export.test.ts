import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.js';
import type { SelectedRegister } from '../workspace/api.js';
import { cellText, csvCell, exportFileName, fieldColumns, selectionCounts, selectionCsv, selectionGeoJson } from './selection-export.js';

const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('zh', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);

const selection: SelectedRegister[] = [
  {
    register: 'hydrants', title: { zh: '消防栓', en: 'Hydrants' }, label: 'code', total: 3,
    items: [
      { id: 4, label: 'XF-1', fields: { code: 'XF-1', status: 'faulty', last_inspected_on: null }, geometry: { type: 'Point', coordinates: [121.55, 29.87] } },
    ],
  },
  {
    register: 'people', title: { zh: '实有人口', en: 'People' }, label: 'name', total: 1,
    items: [
      { id: 9, label: '王"小"明', fields: { name: '王"小"明', care_tags: ['elderly_alone', 'key_person'], phone: '=1+2', gender: 'male' }, geometry: null },
    ],
  },
];

describe('selection CSV', () => {
  it('starts with a BOM, has localised headers and one CRLF row per record', () => {
    const csv = selectionCsv(selection, zh);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('登记类别,编号,名称,状态,最近检查日期,关爱标签,电话,性别,经度,纬度');
    expect(lines[1]).toBe('消防栓,4,XF-1,故障,,,,,121.5500000,29.8700000');
    expect(lines[2]).toBe('实有人口,9,"王""小""明",,,elderly_alone; key_person,\'=1+2,男,,');
    expect(lines).toHaveLength(4);
  });

  it('follows the language', () => {
    expect(selectionCsv(selection, en).slice(1).split('\r\n')[0]).toBe('Register,ID,Name,Status,Last inspected on,Care tags,Phone,Gender,Longitude,Latitude');
  });

  it('quotes cells with commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('@cmd')).toBe("'@cmd");
  });

  it('writes values as text: enums from the catalogue, lists, objects, empties', () => {
    expect(cellText('catering', 'trade', zh)).toBe('餐饮');
    expect(cellText('not-in-catalogue', 'trade', zh)).toBe('not-in-catalogue');
    expect(cellText(null, 'trade', zh)).toBe('');
    expect(cellText(12.5, 'area_m2', zh)).toBe('12.5');
    expect(cellText({ a: 1 }, 'x', zh)).toBe('{"a":1}');
  });

  it('has only headers for an empty selection', () => {
    expect(selectionCsv([], zh)).toBe('\uFEFF登记类别,编号,名称,经度,纬度\r\n');
  });

  it('lists field columns in order of first appearance, without the label fields', () => {
    expect(fieldColumns(selection)).toEqual(['status', 'last_inspected_on', 'care_tags', 'phone', 'gender']);
  });
});

describe('selection GeoJSON', () => {
  it('is a FeatureCollection with one feature per record, fields as stored', () => {
    const collection = JSON.parse(selectionGeoJson(selection)) as { type: string; features: Array<Record<string, unknown>> };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toEqual([
      { type: 'Feature', id: 'hydrants/4', geometry: { type: 'Point', coordinates: [121.55, 29.87] },
        properties: { register: 'hydrants', id: 4, label: 'XF-1', code: 'XF-1', status: 'faulty', last_inspected_on: null } },
      { type: 'Feature', id: 'people/9', geometry: null,
        properties: { register: 'people', id: 9, label: '王"小"明', name: '王"小"明', care_tags: ['elderly_alone', 'key_person'], phone: '=1+2', gender: 'male' } },
    ]);
  });
});

describe('selection helpers', () => {
  it('names files by local date and time', () => {
    expect(exportFileName(new Date(2026, 11, 7, 9, 5), 'csv')).toBe('beat-atlas-selection-20261207-0905.csv');
    expect(exportFileName(new Date(2026, 0, 2, 23, 59), 'geojson')).toBe('beat-atlas-selection-20260102-2359.geojson');
  });

  it('counts listed and total records and registers', () => {
    expect(selectionCounts(selection)).toEqual({ listed: 2, total: 4, registers: 2 });
  });
});
