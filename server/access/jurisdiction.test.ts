import { describe, expect, it } from 'vitest';
import type { Subject } from '../auth/policy.js';
import { inScope, isNowhere, scopeFor, scopeKey } from './jurisdiction.js';

const beats = [{ id: 1, stationId: 10 }, { id: 2, stationId: 10 }, { id: 3, stationId: 20 }];
const subject = (role: Subject['role'], extra: Partial<Subject> = {}): Subject =>
  ({ role, stationId: 10, beatIds: [1], handoverBeatIds: [], ...extra });

describe('scopeFor: the policy as beat lists', () => {
  it('a community officer reads the station and writes the own beat', () => {
    expect(scopeFor(subject('community_officer'), 'read', 'people', beats)).toEqual([1, 2]);
    expect(scopeFor(subject('community_officer'), 'write', 'people', beats)).toEqual([1]);
  });

  it('a handover officer reads own and handed-over beats only', () => {
    expect(scopeFor(subject('handover_officer', { handoverBeatIds: [3] }), 'read', 'cases', beats)).toEqual([1, 3]);
    expect(scopeFor(subject('handover_officer', { handoverBeatIds: [3] }), 'write', 'cases', beats)).toEqual([1]);
  });

  it('an analyst reads cases only; without a station the whole district, records outside beats too', () => {
    expect(scopeFor(subject('analyst', { stationId: null }), 'read', 'cases', beats)).toBe('all');
    expect(scopeFor(subject('analyst'), 'read', 'cases', beats)).toEqual([1, 2]);
    expect(isNowhere(scopeFor(subject('analyst'), 'read', 'people', beats))).toBe(true);
  });

  it('auditors and admins read no register anywhere', () => {
    for (const role of ['auditor', 'admin'] as const) expect(isNowhere(scopeFor(subject(role), 'read', 'people', beats))).toBe(true);
  });

  it('inScope and scopeKey', () => {
    expect(inScope([1, 2], 2)).toBe(true);
    expect(inScope([1, 2], null)).toBe(false);
    expect(inScope('all', null)).toBe(true);
    expect(scopeKey([2, 1])).toBe(scopeKey([1, 2]));
    expect(scopeKey([])).toBe('none');
  });
});
