import { describe, expect, it, vi } from 'vitest';
import { catalogues, en, zh } from './messages.js';
import {
  createI18n,
  DEFAULT_LANG,
  interpolate,
  isLang,
  isMessageKey,
  STORAGE_KEY,
  translate,
  type StorageLike,
} from './index.js';

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (Object.prototype.hasOwnProperty.call(data, k) ? data[k]! : null),
    setItem: (k, v) => {
      data[k] = v;
    },
  };
}

describe('message catalogue', () => {
  it('zh and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('has no empty messages and the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('names the product in both languages and the base layer groups in Chinese', () => {
    expect(zh['app.title']).toBe('社区警务e超市');
    expect(en['app.title']).toBe('Beat Atlas');
    expect(zh['layers.group.admin']).toBe('行政区/社区');
    expect(zh['layers.group.beats']).toBe('警务区');
    expect(zh['layers.group.streets']).toBe('道路');
    expect(zh['layers.group.buildings']).toBe('建筑');
    expect(zh['layers.group.addresses']).toBe('门牌地址');
    expect(catalogues.zh).toBe(zh);
  });
});

describe('translate / interpolate', () => {
  it('interpolates named params and leaves unknown ones', () => {
    expect(interpolate('a {x} b {y}', { x: 1 })).toBe('a 1 b {y}');
    expect(interpolate('plain')).toBe('plain');
  });

  it('looks up per language', () => {
    expect(translate('zh', 'layers.title')).toBe('图层');
    expect(translate('en', 'layers.title')).toBe('Layers');
    expect(translate('en', 'health.detail', { mode: 'embedded', postgis: 'yes', schemaVersion: 3 })).toBe(
      'Database: embedded; PostGIS: yes; schema version: 3',
    );
  });

  it('validates languages and keys', () => {
    expect(isLang('zh')).toBe(true);
    expect(isLang('en')).toBe(true);
    expect(isLang('fr')).toBe(false);
    expect(isLang(undefined)).toBe(false);
    expect(isMessageKey('app.title')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });
});

describe('createI18n', () => {
  it('defaults to zh without storage', () => {
    const i18n = createI18n(() => null);
    expect(DEFAULT_LANG).toBe('zh');
    expect(i18n.lang).toBe('zh');
    expect(i18n.t('app.title')).toBe('社区警务e超市');
  });

  it('reads and persists the language in storage and notifies listeners', () => {
    const storage = memoryStorage();
    const i18n = createI18n(() => storage);
    const listener = vi.fn();
    const off = i18n.onChange(listener);
    i18n.setLang('en');
    expect(storage.data[STORAGE_KEY]).toBe('en');
    expect(i18n.t('app.title')).toBe('Beat Atlas');
    expect(listener).toHaveBeenCalledWith('en');
    i18n.setLang('en'); // no change → no notification
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    i18n.setLang('zh');
    expect(listener).toHaveBeenCalledTimes(1);

    const again = createI18n(() => memoryStorage({ [STORAGE_KEY]: 'en' }));
    expect(again.lang).toBe('en');
  });

  it('ignores garbage in storage and storage that throws', () => {
    expect(createI18n(() => memoryStorage({ [STORAGE_KEY]: 'klingon' })).lang).toBe('zh');
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const i18n = createI18n(() => throwing);
    expect(i18n.lang).toBe('zh');
    expect(() => i18n.setLang('en')).not.toThrow();
    expect(i18n.lang).toBe('en');
  });

  it('rejects unsupported languages', () => {
    const i18n = createI18n(() => null);
    expect(() => i18n.setLang('fr' as never)).toThrow(TypeError);
  });
});
