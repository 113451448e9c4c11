/**
 * The shared frame of every register row: who collected it and when, who last verified it, how, and
 * where it sits (address, community, beat).
 *
 * Data comes from the beat's own officer most of the time and otherwise from the auxiliary officers
 * (辅警) of the same police station, like real 一标三实 collection. Verification ages are spread so
 * that about a quarter of the records count as stale ("not verified for 90 days", or never): that is
 * the work list the beat officer's screens are built around, so it must not be empty or everything.
 */
import type { Rng } from '../district/random.js';
import { type Clock, DAY_MS, isoInstant } from './clock.js';
import type { DistrictIndex } from './district-index.js';
import { personName } from './identities.js';
import type { Frame, LngLat, VerifiedHow } from './types.js';

const VERIFIED_HOW: readonly (readonly [VerifiedHow, number])[] = [
  ['field_visit', 50], ['phone', 25], ['document', 14], ['import', 6], ['system', 5],
];
/** Share never verified, and share verified 90+ days ago (before clamping to the creation date). */
const NEVER_VERIFIED = 0.03;
const STALE = 0.24;
const AUXILIARIES_PER_STATION = 6;

export interface Stamp {
  created_at: string;
  updated_at: string;
  collected_by: string;
  verified_by: string | null;
  verified_at: string | null;
  verified_how: VerifiedHow | null;
}

export interface Placement {
  beatIndex: number;
  addressId: number | null;
  geom: LngLat;
}

/**
 * The people who collect and verify records, and the frame they leave on each row. The staff are drawn
 * once from their own stream, so every register names the same auxiliary officers; each call takes the
 * caller's generator for everything else.
 */
export class Provenance {
  private readonly staff: string[][];
  private readonly scratch: Stamp = { created_at: '', updated_at: '', collected_by: '', verified_by: null, verified_at: null, verified_how: null };
  constructor(staffRng: Rng, readonly clock: Clock, private readonly index: DistrictIndex) {
    this.staff = index.data.police_stations.map(() => Array.from({ length: AUXILIARIES_PER_STATION },
      () => personName(staffRng, staffRng.chance(0.7) ? 'male' : 'female')));
  }

  /** Someone who works the beat: its officer, or one of the station's auxiliary officers. */
  worker(r: Rng, beatIndex: number): string {
    const beat = this.index.beats[beatIndex]!;
    return r.chance(0.65) ? beat.officer : r.pick(this.staff[beat.stationId - 1]!);
  }

  /** An instant during office hours, `daysAgo` days before today. */
  workTime(r: Rng, daysAgo: number): number {
    const day = this.clock.todayStartMs - Math.max(0, Math.floor(daysAgo)) * DAY_MS;
    const ms = day + (8.5 + r.next() * 9) * 3_600_000;
    return Math.min(ms, this.clock.nowMs);
  }

  /**
   * Provenance of a row created `createdDaysAgo` days ago, with verification drawn to fit. Returns a
   * scratch object that the next call overwrites: copy the fields out (the million-row registers build
   * each row as one object literal, which keeps them fast and light).
   */
  stamp(r: Rng, createdDaysAgo: number, beatIndex: number): Stamp {
    const createdMs = this.workTime(r, createdDaysAgo);
    let verifiedMs: number | null = null;
    const v = r.next();
    if (v >= NEVER_VERIFIED) {
      let ago = v < NEVER_VERIFIED + STALE ? r.float(90, 720) : r.float(0, 89.9);
      // Nobody verifies a record before it exists.
      if (ago > createdDaysAgo) ago = r.float(0, Math.max(0, createdDaysAgo));
      verifiedMs = Math.max(createdMs, this.workTime(r, ago));
    }
    const s = this.scratch;
    s.created_at = isoInstant(createdMs);
    s.updated_at = isoInstant(verifiedMs ?? createdMs);
    s.collected_by = this.worker(r, beatIndex);
    s.verified_by = verifiedMs === null ? null : this.worker(r, beatIndex);
    s.verified_at = verifiedMs === null ? null : s.updated_at;
    s.verified_how = verifiedMs === null ? null : r.weighted(VERIFIED_HOW);
    return s;
  }

  /** The whole frame of a row: provenance plus placement. */
  frame(r: Rng, id: number, createdDaysAgo: number, place: Placement): Frame & { geom: LngLat } {
    const s = this.stamp(r, createdDaysAgo, place.beatIndex);
    const beat = this.index.beats[place.beatIndex]!;
    return {
      id, created_at: s.created_at, updated_at: s.updated_at, collected_by: s.collected_by, verified_by: s.verified_by,
      verified_at: s.verified_at, verified_how: s.verified_how, address_id: place.addressId, community_id: beat.communityId,
      beat_id: beat.id, geom: place.geom,
    };
  }
}
