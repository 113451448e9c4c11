import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.js';
import type { MessageKey } from '../i18n/messages.js';
import {
  bboxCenter,
  countFeatures,
  featureTarget,
  fieldLabel,
  fieldRows,
  formatRecordRef,
  freshness,
  geometryBbox,
  historyItems,
  linkItems,
  maskedFields,
  parseRecordRef,
  provenanceRows,
  recordTitle,
  sameRef,
} from './record-view.js';

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh', key, params);
const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);

const hydrant = {
  id: 7, version: 2, code: 'XF-001', kind: 'underground', status: 'in_service', last_inspected_on: null,
  geometry: { type: 'Point', coordinates: [121.55, 29.87] }, address_id: null, community_id: 3, beat_id: 5,
  collected_by: 'tester', verified_by: null, verified_at: null, verified_how: null,
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-02T00:00:00Z', mystery_field: ['a', 'b'],
};

describe('record refs', () => {
  it('parses and formats register/id', () => {
    expect(parseRecordRef('hydrants/12')).toEqual({ register: 'hydrants', id: 12 });
    expect(parseRecordRef('fire-hazards/1')).toEqual({ register: 'fire-hazards', id: 1 });
    expect(formatRecordRef({ register: 'cases', id: 3 })).toBe('cases/3');
    for (const bad of ['hydrants', 'hydrants/0', 'hydrants/x', 'nope/1', 'beats/1', '', null, undefined, 'hydrants/1/2']) {
      expect(parseRecordRef(bad as string), String(bad)).toBeNull();
    }
    expect(sameRef({ register: 'cases', id: 1 }, { register: 'cases', id: 1 })).toBe(true);
    expect(sameRef({ register: 'cases', id: 1 }, null)).toBe(false);
  });

  it('maps a rendered feature to what a click opens', () => {
    expect(featureTarget({ source: 'hydrants', id: 4 })).toEqual({ kind: 'record', ref: { register: 'hydrants', id: 4 } });
    expect(featureTarget({ source: 'camera-views', id: 9 })).toEqual({ kind: 'record', ref: { register: 'cameras', id: 9 } });
    expect(featureTarget({ source: 'people', id: 11, properties: { people: 5, registered: 3, floating: 2 } })).toEqual({
      kind: 'building', id: 11, counts: { people: 5, registered: 3, floating: 2, foreign: 0 },
    });
    expect(featureTarget({ source: 'cases', id: 17, properties: { count: 240, code: '050100' } })).toEqual({ kind: 'cell', count: 240 });
    expect(featureTarget({ source: 'cases', id: 17, properties: { code: '050100' } })).toEqual({ kind: 'record', ref: { register: 'cases', id: 17 } });
    expect(featureTarget({ source: 'streets', id: 4 })).toBeNull();
    expect(featureTarget({ source: 'hydrants' })).toBeNull();
  });
});

describe('fields and provenance', () => {
  it('lists the record fields in server order with catalogue labels, falling back to the name', () => {
    const rows = fieldRows(hydrant, zh);
    expect(rows.map((r) => r.name)).toEqual(['code', 'kind', 'status', 'last_inspected_on', 'address_id', 'community_id', 'beat_id', 'mystery_field']);
    expect(rows[0]).toEqual({ name: 'code', label: '编码', value: 'XF-001' });
    // Enum values from the catalogue when it has them, else as the server sent them.
    expect(rows.find((r) => r.name === 'status')?.value).toBe('完好');
    expect(fieldRows({ id: 1, status: 'brand_new' }, en)[0]!.value).toBe('brand_new');
    expect(rows.find((r) => r.name === 'last_inspected_on')?.value).toBe('—');
    expect(rows.find((r) => r.name === 'mystery_field')).toEqual({ name: 'mystery_field', label: 'mystery_field', value: 'a, b' });
    expect(fieldRows(hydrant, en)[0]!.label).toBe('Code');
    expect(fieldLabel('verified_at', en)).toBe('Verified at');
  });

  it('shows provenance with the verification method from the catalogue', () => {
    const rows = provenanceRows({ ...hydrant, verified_how: 'field_visit', verified_by: 'li' }, zh);
    expect(rows.map((r) => r.name)).toEqual(['collected_by', 'verified_by', 'verified_at', 'verified_how', 'created_at', 'updated_at']);
    expect(rows.find((r) => r.name === 'verified_how')?.value).toBe('实地核查');
  });

  it('rates freshness: within 90 days fresh, else stale, never when unverified', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(freshness('2026-05-31T12:00:00Z', now)).toEqual({ state: 'fresh', days: 1 });
    expect(freshness('2026-03-03T12:00:00Z', now)).toEqual({ state: 'fresh', days: 90 });
    expect(freshness('2026-03-02T11:00:00Z', now).state).toBe('stale');
    expect(freshness(null, now)).toEqual({ state: 'never', days: null });
    expect(freshness('garbage', now).state).toBe('never');
  });

  it('titles a record by its name-like field', () => {
    expect(recordTitle('hydrants', hydrant, zh)).toBe('XF-001');
    expect(recordTitle('houses', { id: 3, use: 'rented' }, en)).toBe('Houses #3');
  });
});

describe('history and links', () => {
  it('lists history newest first with who, why and each change', () => {
    const items = historyItems(
      [
        { version: 1, action: 'create', actor: 'a', source: 'field_visit', reason: null, at: '2026-01-01T00:00:00Z', changes: { code: { from: null, to: 'X' } } },
        { version: 2, action: 'update', actor: 'b', source: 'correction', reason: 'typo', at: '2026-01-02T00:00:00Z', changes: { status: { from: 'faulty', to: 'in_service' } } },
      ],
      zh,
    );
    expect(items.map((i) => i.version)).toEqual([2, 1]);
    expect(items[0]).toMatchObject({ title: '修改', meta: 'b · correction', reason: '原因：typo', changes: ['状态：故障 → 完好'] });
    expect(items[1]!.changes).toEqual(['编码：— → X']);
    expect(historyItems([{ version: 3, action: 'verify', actor: 'c', source: 'field_visit', reason: null, at: '', changes: { verified_how: { from: null, to: 'phone' } } }], zh)[0]!.changes)
      .toEqual(['核实方式：— → 电话核实']);
    expect(historyItems([{ version: 1, action: 'create', actor: 'a', source: 's', reason: null, at: '', changes: {} }], en)[0]!.title).toBe('Created');
  });

  it('shows geometry changes as type and centre', () => {
    const [item] = historyItems(
      [{ version: 1, action: 'create', actor: 'a', source: 's', reason: null, at: '', changes: { geometry: { from: null, to: { type: 'Point', coordinates: [121.5, 29.8] } } } }],
      en,
    );
    expect(item!.changes).toEqual(['Location: — → Point (121.500000, 29.800000)']);
  });

  it('labels links and keeps openable refs', () => {
    const items = linkItems(
      [
        { linkId: null, type: 'premises_id', direction: 'out', role: null, register: 'premises', id: 4, label: '老王饭店' },
        { linkId: 3, type: 'same_address', direction: 'in', role: null, register: 'buildings', id: 2, label: null },
      ],
      en,
    );
    expect(items[0]).toEqual({ ref: { register: 'premises', id: 4 }, type: 'Premises', text: 'Premises · 老王饭店' });
    expect(items[1]).toMatchObject({ ref: null, type: 'same_address', text: 'Building · #2' });
  });
});

describe('geometry and counts', () => {
  it('computes bounding boxes of any geometry', () => {
    expect(geometryBbox({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2, 1, 2]);
    expect(geometryBbox({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 3], [0, 0]]] })).toEqual([0, 0, 2, 3]);
    expect(geometryBbox({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 1], [0, 0]]], [[[5, -1], [6, 0], [5, -1]]]] })).toEqual([0, -1, 6, 1]);
    expect(geometryBbox({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [3, 4] }] })).toEqual([3, 4, 3, 4]);
    expect(geometryBbox(null)).toBeNull();
    expect(bboxCenter([0, 0, 2, 4])).toEqual([1, 2]);
  });

  it('counts distinct features per group (tiles repeat features across tile edges)', () => {
    const counts = countFeatures(
      [
        { source: 'hydrants', id: 1 }, { source: 'hydrants', id: 1 }, { source: 'fire-stations', id: 1 },
        { source: 'cameras', id: 3 }, { source: 'camera-views', id: 3 }, { source: 'streets', id: 1 },
      ],
      { fire: ['hydrants', 'fire-stations'], resources: ['cameras', 'camera-views'], cases: ['cases'] },
    );
    expect(counts).toEqual({ fire: 2, resources: 1, cases: 0 });
  });

  it('counts a grid cell as the records it stands for', () => {
    const counts = countFeatures(
      [{ source: 'cases', id: 5, properties: { count: 120 } }, { source: 'cases', id: 9, properties: { count: 3 } }, { source: 'cases', id: 9, properties: { count: 3 } }],
      { cases: ['cases'] },
    );
    expect(counts).toEqual({ cases: 123 });
  });
});

describe('masked fields', () => {
  const person = {
    id: 3, version: 1, name: '李四', id_number: '330203********123X', phone: '138****5678', care_tags: null, gender: 'male',
    masked: ['id_number', 'phone', 'care_tags'],
  };

  it('lists the masked fields and keeps `masked` itself out of the rows', () => {
    expect(maskedFields(person)).toEqual(['id_number', 'phone', 'care_tags']);
    expect(maskedFields({ id: 1 })).toEqual([]);
    expect(fieldRows(person, zh).map((r) => r.name)).toEqual(['name', 'id_number', 'phone', 'care_tags', 'gender']);
  });

  it('shows masked values as they came, marked; a withheld one says so instead of looking empty', () => {
    const rows = Object.fromEntries(fieldRows(person, zh).map((r) => [r.name, r]));
    expect(rows.id_number).toMatchObject({ value: '330203********123X', masked: true });
    expect(rows.phone).toMatchObject({ value: '138****5678', masked: true });
    expect(rows.care_tags).toMatchObject({ value: '（不予显示）', masked: true });
    expect(rows.name!.masked).toBeUndefined();
  });

  it('shows revealed values in their place', () => {
    const rows = Object.fromEntries(fieldRows(person, en, { id_number: '33020319900101123X', care_tags: [] }).map((r) => [r.name, r]));
    expect(rows.id_number).toMatchObject({ value: '33020319900101123X', revealed: true });
    expect(rows.id_number!.masked).toBeUndefined();
    expect(rows.care_tags).toMatchObject({ value: '—', revealed: true });
    expect(rows.phone).toMatchObject({ value: '138****5678', masked: true });
  });
});
