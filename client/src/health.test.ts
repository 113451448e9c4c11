import { describe, expect, it } from 'vitest';
import { summariseHealth } from './health.js';

describe('summariseHealth', () => {
  it('reads a healthy answer', () => {
    expect(summariseHealth({ status: 'ok', db: { mode: 'embedded', postgis: '3.5.2', schemaVersion: '0003_addresses' } })).toEqual({
      state: 'ok',
      labelKey: 'health.ok',
      detail: { mode: 'embedded', postgis: '3.5.2', schemaVersion: '0003_addresses' },
    });
  });

  it('reads a degraded answer', () => {
    const s = summariseHealth({ status: 'degraded', db: { mode: 'external', postgis: null, schemaVersion: null, error: 'x' } });
    expect(s.state).toBe('degraded');
    expect(s.labelKey).toBe('health.degraded');
    expect(s.detail).toEqual({ mode: 'external', postgis: null, schemaVersion: null });
  });

  it.each([null, undefined, 'oops', 3])('treats %j as unreachable', (body) => {
    expect(summariseHealth(body)).toEqual({ state: 'unreachable', labelKey: 'health.unreachable', detail: null });
  });

  it('treats unknown shapes as degraded without detail', () => {
    expect(summariseHealth({})).toEqual({ state: 'degraded', labelKey: 'health.degraded', detail: null });
  });
});
