/**
 * 案件: three years of cases, clustered in space (see case-places.ts) and in time: each kind of case
 * has its own hour-of-day profile and weekend rate (fights at night and at weekends, burglaries on
 * weekday afternoons, e-bike thefts overnight), which adds up to the evening peak a duty officer knows.
 *
 * Case numbers follow the 接报 order: rows are sorted by report time, then numbered per year as
 * A3302035000<yyyy><six-digit sequence>, so ids and numbers both run in time order.
 */
import type { Rng } from '../district/random.js';
import { CASE_PATTERNS, type CasePattern, HOURS, type HourProfile } from './case-patterns.js';
import { CasePlaces } from './case-places.js';
import { DAY_MS, chinaDate, chinaWeekday, isoInstant } from './clock.js';
import { type DistrictIndex, WeightedSampler } from './district-index.js';
import type { Junction } from './junctions.js';
import type { Provenance } from './provenance.js';
import type { CaseRow, PremisesRow } from './types.js';

export interface CaseConfig { cases: number; hotspots: number }

export const CASE_YEARS = 3;
const HOUR_MS = 3_600_000;
const CASE_NO_PREFIX = 'A3302035000';

const hh = (n: number) => String(n).padStart(2, '0');

/** Status by how long ago the case was reported: recent ones are still open or being investigated. */
function statusFor(r: Rng, ageDays: number): CaseRow['status'] {
  if (ageDays < 30) return r.weighted([['open', 40], ['under_investigation', 50], ['solved', 10]] as const);
  if (ageDays < 365) return r.weighted([['open', 5], ['under_investigation', 30], ['solved', 33], ['closed', 32]] as const);
  return r.weighted([['under_investigation', 10], ['solved', 40], ['closed', 50]] as const);
}

/**
 * Cases in chunks of about `chunk` rows. Kinds and times come first, for all cases at once in typed
 * arrays; sorting those by report time fixes ids and case numbers before any row exists, so rows can
 * be made (and loaded, and dropped) a chunk at a time.
 */
export function* generateCases(
  r: Rng, prov: Provenance, index: DistrictIndex, junctions: readonly Junction[], premises: readonly PremisesRow[],
  config: CaseConfig, chunk: number,
): Generator<CaseRow[]> {
  const { clock } = prov;
  const places = new CasePlaces(r.fork('places'), index, junctions, premises, config.hotspots);
  const patterns = new WeightedSampler(CASE_PATTERNS.map((p, i) => [i, p.weight] as const));
  const hours = Object.fromEntries(Object.entries(HOURS).map(([k, w]) => [k, new WeightedSampler(w.map((x, h) => [h, x] as const))])) as Record<HourProfile, WeightedSampler<number>>;
  const span = Math.round(CASE_YEARS * 365.25);

  /** An instant for `p`: a day (weekends favoured or not), then an hour from its profile. */
  const when = (p: CasePattern): number => {
    const top = Math.max(1, p.weekend);
    for (;;) {
      const day = clock.todayStartMs - r.int(0, span) * DAY_MS;
      const weekday = chinaWeekday(day);
      const rate = weekday === 0 || weekday === 6 ? p.weekend : 1;
      if (!r.chance(rate / top)) continue;
      const ms = day + hours[p.hours].pick(r) * HOUR_MS + r.int(0, 59) * 60_000;
      // Nothing can have happened after the seed's "now", less the time it takes to report.
      if (ms <= clock.nowMs - HOUR_MS) return ms;
    }
  };

  const n = config.cases;
  const kind = new Uint8Array(n);
  const from = new Float64Array(n);
  const to = new Float64Array(n).fill(Number.NaN);
  const reported = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = CASE_PATTERNS[(kind[i] = patterns.pick(r))]!;
    from[i] = when(p);
    if (p.window > 0 && r.chance(p.window)) to[i] = Math.min(clock.nowMs, from[i]! + r.float(...(p.windowHours ?? [1, 6])) * HOUR_MS);
    // Most calls come within the hour; some people wait a day or two (fraud victims often longer).
    const delayMin = Math.min(4320, Math.exp(r.normal(Math.log(p.code === '050301' ? 240 : 25), 1.1)));
    reported[i] = Math.min(clock.nowMs, (Number.isNaN(to[i]!) ? from[i]! : to[i]!) + delayMin * 60_000);
  }
  // Whole seconds, as stored; ties keep generation order so the numbering is deterministic.
  const seconds = reported.map((ms) => Math.round(ms / 1000));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => seconds[a]! - seconds[b]! || a - b);

  const perYear = new Map<number, number>();
  let rows: CaseRow[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const p = CASE_PATTERNS[kind[i]!]!;
    const place = places.place(r, r.weighted(p.settings), p.trades);
    const reportedIso = isoInstant(reported[i]!);
    const ageDays = (clock.nowMs - reported[i]!) / DAY_MS;
    const stamp = prov.stamp(r, ageDays, place.beatIndex);
    const verifiedAt = stamp.verified_at === null ? null : stamp.verified_at < reportedIso ? reportedIso : stamp.verified_at;
    const minuteOfDay = Math.floor((from[i]! + 8 * HOUR_MS) / 60_000) % 1440;
    const year = Number(chinaDate(reported[i]!).slice(0, 4));
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const beat = index.beats[place.beatIndex]!;
    rows.push({
      id: k + 1, created_at: reportedIso, updated_at: verifiedAt ?? reportedIso, collected_by: stamp.collected_by,
      verified_by: stamp.verified_by, verified_at: verifiedAt, verified_how: stamp.verified_how,
      address_id: place.addressId, community_id: beat.communityId, beat_id: beat.id, geom: place.geom,
      case_no: `${CASE_NO_PREFIX}${year}${String(seq).padStart(6, '0')}`,
      code_system: p.system,
      code: p.code,
      occurred_from: isoInstant(from[i]!),
      occurred_to: Number.isNaN(to[i]!) ? null : isoInstant(to[i]!),
      reported_at: reportedIso,
      premises_id: place.premisesId,
      status: statusFor(r, ageDays),
      narrative: p.narrative({ r, place: place.text, time: `${hh(Math.floor(minuteOfDay / 60))}:${hh(minuteOfDay % 60)}` }),
    });
    if (rows.length >= chunk) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}
