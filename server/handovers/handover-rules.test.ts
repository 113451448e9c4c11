import { describe, expect, it } from 'vitest';
import {
  beatsProblem, openConflict, outgoingProblem, recipientProblem, roleAfterCompletion, withBeats, withoutBeats, type AccountFacts,
} from './handover-rules.js';

const officer = (facts: Partial<AccountFacts> = {}): AccountFacts =>
  ({ id: 7, role: 'handover_officer', station_id: 2, beat_ids: [], disabled_at: null, ...facts });

describe('recipientProblem', () => {
  it('accepts an active officer with a station', () => {
    expect(recipientProblem(officer())).toBeNull();
    expect(recipientProblem(officer({ role: 'community_officer' }))).toBeNull();
  });

  it('names what is wrong', () => {
    expect(recipientProblem(officer({ disabled_at: '2026-01-01T00:00:00.000Z' }))).toBe('user 7 is disabled');
    expect(recipientProblem(officer({ role: 'commander' }))).toBe('user 7 is a commander; beats go to a community_officer or a handover_officer');
    expect(recipientProblem(officer({ station_id: null }))).toBe('user 7 has no station');
  });
});

describe('beatsProblem', () => {
  const beats = [{ id: 10, station_id: 2 }, { id: 11, station_id: 2 }, { id: 20, station_id: 3 }];

  it('accepts beats of the recipient\'s station that are not theirs yet', () => {
    expect(beatsProblem([10, 11], beats, officer())).toBeNull();
  });

  it('refuses a missing beat, a beat of another station and one the recipient already holds', () => {
    expect(beatsProblem([10, 99], beats, officer())).toBe('no beat with id 99');
    expect(beatsProblem([20], beats, officer())).toBe('beat 20 belongs to station 3, not to station 2 of user 7');
    expect(beatsProblem([10, 11], beats, officer({ beat_ids: [11] }))).toBe('beat 11 is already a beat of user 7');
  });
});

describe('outgoingProblem', () => {
  it('needs the outgoing officer to hold every beat', () => {
    expect(outgoingProblem(officer({ id: 5, beat_ids: [10, 11, 12] }), [10, 11])).toBeNull();
    expect(outgoingProblem(officer({ id: 5, beat_ids: [10] }), [10, 11])).toBe('user 5 does not hold beat 11');
  });
});

describe('openConflict', () => {
  it('finds the first shared beat and its handover', () => {
    expect(openConflict([10, 11], [{ id: 3, beat_ids: [12] }, { id: 4, beat_ids: [9, 11] }])).toEqual({ beatId: 11, handoverId: 4 });
    expect(openConflict([10], [{ id: 3, beat_ids: [12] }])).toBeNull();
  });
});

describe('beat lists and roles', () => {
  it('adds each beat once, in id order, and removes without reordering', () => {
    expect(withBeats([12, 3], [3, 5])).toEqual([3, 5, 12]);
    expect(withoutBeats([12, 3, 5], [3, 99])).toEqual([12, 5]);
  });

  it('makes a handover officer a community officer, and leaves a community officer one', () => {
    expect(roleAfterCompletion('handover_officer')).toBe('community_officer');
    expect(roleAfterCompletion('community_officer')).toBe('community_officer');
  });
});
