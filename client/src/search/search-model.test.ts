import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.js';
import type { SearchResponse } from '../workspace/api.js';
import { LatestOnly, MAX_QUERY_LENGTH, nextActive, optionAt, optionCount, searchOptionGroups, searchQuery } from './search-model.js';

const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('zh', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);

const response: SearchResponse = {
  q: '海曙',
  groups: [
    { register: 'people', title: { zh: '实有人口', en: 'People' }, hits: [
      { id: 7, label: '王海曙', detail: '330203********123X', lng: 121.55, lat: 29.87 },
      { id: 9, label: '李海曙', detail: null, lng: null, lat: null },
    ] },
    { register: 'cases', title: { zh: '案件', en: 'Cases' }, hits: [{ id: 3, label: 'A3302032026', detail: null, lng: 121.5, lat: 29.8 }] },
    { register: 'addresses', title: { zh: '标准地址', en: 'Addresses' }, hits: [
      { id: 11, label: '海曙路1号', detail: 'door', lng: 121.56, lat: 29.86 },
      { id: 12, label: '海曙路2号', detail: 'door', lng: null, lat: null },
    ] },
    { register: 'unknown-thing', title: { zh: '未知', en: 'Unknown' }, hits: [{ id: 1, label: 'x', detail: null, lng: null, lat: null }] },
  ],
};

describe('search options', () => {
  it('groups hits by register in the server order, numbered for the keyboard', () => {
    const groups = searchOptionGroups(response, zh, 'zh');
    expect(groups.map((g) => [g.register, g.title, g.options.map((o) => o.index)])).toEqual([
      ['people', '实有人口', [0, 1]],
      ['cases', '案件', [2]],
      ['addresses', '标准地址', [3]],
    ]);
    expect(optionCount(groups)).toBe(4);
  });

  it('opens register hits as records (with or without a location) and addresses as places', () => {
    const groups = searchOptionGroups(response, zh, 'zh');
    expect(optionAt(groups, 0)!.target).toEqual({ kind: 'record', ref: { register: 'people', id: 7 }, lngLat: [121.55, 29.87] });
    expect(optionAt(groups, 1)!.target).toEqual({ kind: 'record', ref: { register: 'people', id: 9 }, lngLat: null });
    expect(optionAt(groups, 3)).toMatchObject({ key: 'addresses-11', label: '海曙路1号', detail: '门牌', target: { kind: 'place', lngLat: [121.56, 29.86] } });
    expect(optionAt(groups, 4)).toBeNull();
  });

  it('titles groups in the current language', () => {
    expect(searchOptionGroups(response, en, 'en').map((g) => g.title)).toEqual(['People', 'Cases', 'Addresses']);
    expect(optionAt(searchOptionGroups(response, en, 'en'), 3)!.detail).toBe('Door');
  });

  it('keeps details the catalogue does not know as they are', () => {
    expect(optionAt(searchOptionGroups(response, zh, 'zh'), 0)!.detail).toBe('330203********123X');
    expect(optionAt(searchOptionGroups(response, zh, 'zh'), 1)!.detail).toBeNull();
  });
});

describe('search keyboard', () => {
  it('moves down and up, wrapping through "no option"', () => {
    expect(nextActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(nextActive(0, 3, 'ArrowDown')).toBe(1);
    expect(nextActive(2, 3, 'ArrowDown')).toBe(-1);
    expect(nextActive(-1, 3, 'ArrowUp')).toBe(2);
    expect(nextActive(0, 3, 'ArrowUp')).toBe(-1);
  });

  it('jumps with Home and End, ignores other keys, and has nothing to move over without options', () => {
    expect(nextActive(1, 3, 'Home')).toBe(0);
    expect(nextActive(1, 3, 'End')).toBe(2);
    expect(nextActive(1, 3, 'a')).toBe(1);
    expect(nextActive(1, 0, 'ArrowDown')).toBe(-1);
  });
});

describe('search query', () => {
  it('trims and cuts to the server limit', () => {
    expect(searchQuery('  王  ')).toBe('王');
    expect(searchQuery('   ')).toBe('');
    expect(searchQuery('x'.repeat(150))).toHaveLength(MAX_QUERY_LENGTH);
  });

  it('shows only the latest answer', () => {
    const latest = new LatestOnly();
    const first = latest.take();
    const second = latest.take();
    expect(latest.isCurrent(first)).toBe(false);
    expect(latest.isCurrent(second)).toBe(true);
  });
});
