import { describe, expect, it } from 'vitest';
import type { Subject } from '../auth/policy.js';
import { inScope, isNowhere, scopeFor, scopeKey, scopeParam } from './jurisdiction.js';

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

  it('remembers a scope per beat list and subject, and never shares one between different subjects', () => {
    const first = scopeFor(subject('community_officer'), 'read', 'people', beats);
    expect(scopeFor(subject('community_officer'), 'read', 'people', beats)).toBe(first); // an equal subject, a new object
    expect(Object.isFrozen(first)).toBe(true);
    expect(scopeFor(subject('community_officer', { beatIds: [3] }), 'write', 'people', beats)).toEqual([3]);
    expect(scopeFor(subject('community_officer', { stationId: 20, beatIds: [3] }), 'read', 'people', beats)).toEqual([3]);
    // A redrawn district (a new beat list from the directory) is derived afresh.
    const redrawn = [...beats, { id: 4, stationId: 10 }];
    expect(scopeFor(subject('community_officer'), 'read', 'people', redrawn)).toEqual([1, 2, 4]);
  });

  it('scopeParam: array text for the SQL, NULL for the whole district', () => {
    expect(scopeParam('all')).toBeNull();
    expect(scopeParam([3, 1])).toBe('{3,1}');
    expect(scopeParam([])).toBe('{}');
  });
});
