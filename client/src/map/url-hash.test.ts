import { describe, expect, it } from 'vitest';
import {
  coordinatePrecision,
  formatHash,
  formatMapView,
  parseHash,
  parseLayerList,
  parseMapView,
  splitHashParams,
  viewsDiffer,
} from './url-hash.js';

describe('parseMapView', () => {
  it('parses zoom/lat/lng with optional bearing and pitch', () => {
    expect(parseMapView('15/29.87/121.55')).toEqual({ zoom: 15, lat: 29.87, lng: 121.55 });
    expect(parseMapView('15.5/29.87/121.55/-30/45')).toEqual({
      zoom: 15.5,
      lat: 29.87,
      lng: 121.55,
      bearing: -30,
      pitch: 45,
    });
  });

  it.each([
    '',
    '15',
    '15/29.87',
    '15/29.87/121.55/0/0/0',
    'a/b/c',
    '15/29.87/abc',
    '15/NaN/121',
    '15/Infinity/121',
    '1e3/29/121',
    '0x10/29/121',
    '15//121',
    '15/ 29/121',
    '-1/29/121',
    '25/29/121',
    '15/91/121',
    '15/29/181',
    '15/29/121/0/90',
    '15/29/121/720',
  ])('rejects %j', (value) => {
    expect(parseMapView(value)).toBeNull();
  });
});

describe('parseLayerList', () => {
  it('keeps well-formed unique ids in order', () => {
    expect(parseLayerList('streets,buildings,streets')).toEqual(['streets', 'buildings']);
    expect(parseLayerList('')).toEqual([]);
    expect(parseLayerList('ok,<script>,a b, beats ')).toEqual(['ok', 'beats']);
  });
});

describe('parseHash', () => {
  it('parses map and layers', () => {
    expect(parseHash('#map=15/29.87/121.55&layers=admin,streets')).toEqual({
      view: { zoom: 15, lat: 29.87, lng: 121.55 },
      layers: ['admin', 'streets'],
    });
    expect(parseHash('map=12/29.8/121.5')).toEqual({ view: { zoom: 12, lat: 29.8, lng: 121.5 }, layers: null });
    expect(parseHash('#layers=')).toEqual({ view: null, layers: [] });
    expect(parseHash('#foo=1&map=12/29.8/121.5')).toEqual({
      view: { zoom: 12, lat: 29.8, lng: 121.5 },
      layers: null,
    });
    expect(parseHash('#map=12%2F29.8%2F121.5')).toEqual({ view: { zoom: 12, lat: 29.8, lng: 121.5 }, layers: null });
  });

  it('keeps the layers when the view is garbage', () => {
    expect(parseHash('#map=garbage&layers=beats')).toEqual({ view: null, layers: ['beats'] });
  });

  it.each(['', '#', '#garbage', '#map=', '#map=abc', '#%E0%A4%A', '#map=%zz', 'x'.repeat(5000)])(
    'returns null for %j',
    (hash) => {
      expect(parseHash(hash)).toBeNull();
    },
  );

  it('does not throw on non-string input', () => {
    expect(parseHash(undefined as unknown as string)).toBeNull();
    expect(splitHashParams(42 as unknown as string)).toBeNull();
  });
});

describe('formatHash', () => {
  it('formats with zoom-dependent precision and trims zeros', () => {
    expect(coordinatePrecision(0)).toBeGreaterThanOrEqual(0);
    expect(coordinatePrecision(15)).toBeGreaterThan(coordinatePrecision(5));
    expect(formatMapView({ zoom: 15, lat: 29.870004321, lng: 121.55 })).toBe('15/29.87/121.55');
    expect(formatMapView({ zoom: 12.3456, lat: -0.0000001, lng: 121.5 })).toBe('12.35/0/121.5');
    expect(formatMapView({ zoom: 14, lat: 29, lng: 121, bearing: 30 })).toBe('14/29/121/30');
    expect(formatMapView({ zoom: 14, lat: 29, lng: 121, bearing: 0, pitch: 40 })).toBe('14/29/121/0/40');
  });

  it('writes layers only when given, and keeps other params', () => {
    const view = { zoom: 15, lat: 29.87, lng: 121.55 };
    expect(formatHash({ view })).toBe('#map=15/29.87/121.55');
    expect(formatHash({ view, layers: ['admin', 'streets'] })).toBe('#map=15/29.87/121.55&layers=admin,streets');
    expect(formatHash({ view, layers: [] })).toBe('#map=15/29.87/121.55&layers=');
    expect(formatHash({ view, layers: null }, '#map=1/2/3&layers=x&feature=a%20b&flag')).toBe(
      '#map=15/29.87/121.55&feature=a%20b&flag',
    );
  });

  it('round-trips', () => {
    const state = { view: { zoom: 16.25, lat: 29.86123, lng: 121.54321, bearing: -12.5, pitch: 30 }, layers: ['beats'] };
    const parsed = parseHash(formatHash(state));
    expect(parsed).not.toBeNull();
    expect(parsed!.layers).toEqual(['beats']);
    expect(viewsDiffer(parsed!.view!, state.view)).toBe(false);
    expect(viewsDiffer(parsed!.view!, { ...state.view, lat: state.view.lat + 0.01 })).toBe(true);
  });
});

describe('record in the hash', () => {
  it('parses and formats record=register/id alongside map and layers', async () => {
    const { parseHash: parse, formatHash: format } = await import('./url-hash.js');
    expect(parse('#map=15/29.87/121.55&record=hydrants/12')).toEqual({ view: { zoom: 15, lat: 29.87, lng: 121.55 }, layers: null, record: 'hydrants/12' });
    expect(parse('#record=cases/3')).toEqual({ view: null, layers: null, record: 'cases/3' });
    expect(parse('#record=../etc')).toBeNull();
    const view = { zoom: 15, lat: 29.87, lng: 121.55 };
    expect(format({ view, record: 'hydrants/12' })).toBe('#map=15/29.87/121.55&record=hydrants/12');
    // undefined keeps the previous record, null removes it; other parameters are kept.
    expect(format({ view }, '#map=1/2/3&record=cases/3&x=1')).toBe('#map=15/29.87/121.55&record=cases/3&x=1');
    expect(format({ view, record: null }, '#map=1/2/3&record=cases/3')).toBe('#map=15/29.87/121.55');
  });
});
