import type { Role } from '../auth/account-tables.js';

/**
 * The pure rules of a handover: who may receive beats, which beats may be handed over by whom, and
 * what the beat lists become at each step. Each check returns the reason a request is refused, or
 * null; the service names the field.
 */

/** Roles that work a beat: a handover goes to an officer who will own it, never to a commander or an admin. */
export const RECIPIENT_ROLES: readonly Role[] = ['community_officer', 'handover_officer'];

/** Most beats in one handover (a station has at most a few dozen). */
export const MAX_HANDOVER_BEATS = 50;

export interface AccountFacts {
  id: number;
  role: Role;
  station_id: number | null;
  beat_ids: readonly number[];
  disabled_at: string | null;
}

export interface BeatFacts {
  id: number;
  station_id: number;
}

/** Why `user` cannot receive beats now, or null. */
export function recipientProblem(user: AccountFacts): string | null {
  if (user.disabled_at !== null) return `user ${user.id} is disabled`;
  if (!RECIPIENT_ROLES.includes(user.role)) return `user ${user.id} is a ${user.role}; beats go to a ${RECIPIENT_ROLES.join(' or a ')}`;
  if (user.station_id === null) return `user ${user.id} has no station`;
  return null;
}

/** Why these beats cannot go to `recipient`: missing, of another station, or already the recipient's own. */
export function beatsProblem(beatIds: readonly number[], found: readonly BeatFacts[], recipient: AccountFacts): string | null {
  for (const id of beatIds) {
    const beat = found.find((b) => b.id === id);
    if (!beat) return `no beat with id ${id}`;
    if (beat.station_id !== recipient.station_id) {
      return `beat ${id} belongs to station ${beat.station_id}, not to station ${recipient.station_id} of user ${recipient.id}`;
    }
    if (recipient.beat_ids.includes(id)) return `beat ${id} is already a beat of user ${recipient.id}`;
  }
  return null;
}

/** Why `from` cannot be the outgoing officer of these beats: they must hold every one of them. */
export function outgoingProblem(from: AccountFacts, beatIds: readonly number[]): string | null {
  const missing = beatIds.find((id) => !from.beat_ids.includes(id));
  return missing === undefined ? null : `user ${from.id} does not hold beat ${missing}`;
}

/** The first beat that is already in another open handover, with that handover's id. */
export function openConflict(beatIds: readonly number[], open: readonly { id: number; beat_ids: readonly number[] }[]): { beatId: number; handoverId: number } | null {
  for (const handover of open) {
    const beatId = beatIds.find((id) => handover.beat_ids.includes(id));
    if (beatId !== undefined) return { beatId, handoverId: handover.id };
  }
  return null;
}

/** A handover officer who has completed a handover owns beats now: a community officer. */
export function roleAfterCompletion(role: Role): Role {
  return role === 'handover_officer' ? 'community_officer' : role;
}

/** `list` with `add`, each beat once, in id order. */
export function withBeats(list: readonly number[], add: readonly number[]): number[] {
  return [...new Set([...list, ...add])].sort((a, b) => a - b);
}

/** `list` without any of `remove`, order kept. */
export function withoutBeats(list: readonly number[], remove: readonly number[]): number[] {
  return list.filter((id) => !remove.includes(id));
}
