import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './account-tables.js';
import { ACTIONS, decide, type Action, type Resource, type Subject } from './policy.js';

// Station 1 has beats 11 and 12; station 2 has beat 21.
const subject = (role: Role, extra: Partial<Subject> = {}): Subject => ({ role, stationId: 1, beatIds: [11], handoverBeatIds: [], ...extra });
const record = (beatId: number | null, stationId: number | null, register = 'people'): Resource => ({ kind: 'record', register, beatId, stationId });
const OWN = record(11, 1);
const STATION = record(12, 1);
const OTHER = record(21, 2);
const allowed = (s: Subject, a: Action, r: Resource) => decide(s, a, r).allow;

describe('policy', () => {
  it('community officer: read and write in own beat, read own station, nothing outside it', () => {
    const s = subject('community_officer');
    expect(decide(s, 'read', OWN)).toEqual({ allow: true, scope: 'own_beat' });
    expect(decide(s, 'write', OWN)).toEqual({ allow: true, scope: 'own_beat' });
    expect(decide(s, 'read', STATION)).toEqual({ allow: true, scope: 'own_station' });
    expect(allowed(s, 'write', STATION)).toBe(false);
    expect(allowed(s, 'read', OTHER)).toBe(false);
    expect(allowed(s, 'reveal', OWN)).toBe(true);
    expect(allowed(s, 'reveal', STATION)).toBe(false);
    expect(allowed(s, 'dispatch', { kind: 'dispatch', stationId: 1 })).toBe(false);
  });

  it('handover officer: reads the beats handed over to them, writes only their own', () => {
    const s = subject('handover_officer', { beatIds: [], handoverBeatIds: [12] });
    expect(decide(s, 'read', STATION)).toEqual({ allow: true, scope: 'handover_beat' });
    expect(allowed(s, 'export', STATION)).toBe(true);
    expect(allowed(s, 'write', STATION)).toBe(false);
    expect(allowed(s, 'read', OWN)).toBe(false); // beat 11 is neither theirs nor handed over
    expect(allowed(s, 'reveal', STATION)).toBe(false);
  });

  it('commander: reads and dispatches in the station, writes nothing', () => {
    const s = subject('commander', { beatIds: [] });
    expect(decide(s, 'read', STATION)).toEqual({ allow: true, scope: 'own_station' });
    expect(allowed(s, 'dispatch', { kind: 'dispatch', stationId: 1 })).toBe(true);
    expect(allowed(s, 'dispatch', { kind: 'dispatch', stationId: 2 })).toBe(false);
    expect(allowed(s, 'write', STATION)).toBe(false);
    expect(allowed(s, 'read', OTHER)).toBe(false);
  });

  it('analyst: cases and aggregates of the station only, never reveal; without a station the whole district', () => {
    const s = subject('analyst', { beatIds: [] });
    expect(allowed(s, 'read', record(12, 1, 'cases'))).toBe(true);
    expect(allowed(s, 'read', record(12, 1, 'people'))).toBe(false);
    expect(allowed(s, 'read', record(21, 2, 'cases'))).toBe(false);
    expect(allowed(s, 'reveal', record(12, 1, 'cases'))).toBe(false);
    expect(decide(s, 'read', { kind: 'aggregate', stationId: 1 })).toEqual({ allow: true, scope: 'own_station' });
    const district = subject('analyst', { stationId: null, beatIds: [] });
    expect(decide(district, 'read', record(21, 2, 'cases'))).toEqual({ allow: true, scope: 'district' });
  });

  it('auditor reads only the audit log; admin manages only accounts', () => {
    for (const action of ACTIONS) {
      expect(allowed(subject('auditor'), action, { kind: 'audit_log' })).toBe(action === 'audit');
      expect(allowed(subject('admin'), action, { kind: 'accounts' })).toBe(action === 'admin');
      expect(allowed(subject('auditor'), action, OWN)).toBe(false);
      expect(allowed(subject('admin'), action, OWN)).toBe(false);
    }
  });

  it('lets no role touch the audit log or accounts but the auditor and the admin', () => {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        if (role !== 'auditor') expect(allowed(subject(role), action, { kind: 'audit_log' })).toBe(false);
        if (role !== 'admin') expect(allowed(subject(role), action, { kind: 'accounts' })).toBe(false);
      }
    }
  });

  it('treats a record outside any beat as outside every beat', () => {
    expect(allowed(subject('community_officer'), 'write', record(null, 1))).toBe(false);
    expect(allowed(subject('community_officer'), 'read', record(null, 1))).toBe(true);
    expect(allowed(subject('community_officer'), 'read', record(null, null))).toBe(false);
  });
});
