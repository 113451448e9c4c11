/**
 * Who lives in a home: household sizes and the ages and genders of the members.
 *
 * Owner-occupied homes hold families (an elderly person or couple, a couple with children, three
 * generations); rented homes hold migrant workers sharing a flat as often as young families. The
 * scales differ in how many people they need per home, so the size distribution is the typical urban
 * one exponentially tilted until its mean hits the scale's target: the shape stays believable while the
 * totals come out near the scale's people count.
 */
import type { Rng } from '../district/random.js';

export type Gender = 'male' | 'female';
export interface Member { age: number; gender: Gender }

/** Shares of one- to five-person households in a Chinese city (roughly the 2020 census pattern). */
const BASE_SIZES = [0.2, 0.3, 0.26, 0.14, 0.1] as const;
export const MAX_HOUSEHOLD = BASE_SIZES.length;

/** Weights for sizes 1..5 whose mean is `mean` (clamped to what 1..5 allows). */
export function householdSizeWeights(mean: number): [number, number][] {
  const target = Math.min(MAX_HOUSEHOLD - 0.05, Math.max(1.05, mean));
  const weightsFor = (theta: number) => BASE_SIZES.map((w, i) => w * Math.exp(theta * (i + 1)));
  const meanFor = (theta: number) => {
    const w = weightsFor(theta);
    const total = w.reduce((a, b) => a + b, 0);
    return w.reduce((a, x, i) => a + x * (i + 1), 0) / total;
  };
  // The mean rises monotonically with theta, so bisection finds it.
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (meanFor(mid) < target) lo = mid;
    else hi = mid;
  }
  const w = weightsFor((lo + hi) / 2);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x, i) => [i + 1, x / total]);
}

const other = (g: Gender): Gender => (g === 'male' ? 'female' : 'male');
const clampAge = (age: number) => Math.max(0, Math.min(98, Math.round(age)));

function couple(r: Rng, minAge: number, maxAge: number): Member[] {
  const head: Member = { age: r.int(minAge, maxAge), gender: r.chance(0.5) ? 'male' : 'female' };
  return [head, { age: clampAge(Math.max(20, head.age + r.normal(head.gender === 'male' ? -2 : 2, 3))), gender: other(head.gender) }];
}

function child(r: Rng, parentAge: number): Member {
  return { age: r.int(0, Math.max(0, Math.min(30, parentAge - 22))), gender: r.chance(0.52) ? 'male' : 'female' };
}

function grandparent(r: Rng, parentAge: number): Member {
  return { age: clampAge(Math.max(55, parentAge + r.int(23, 32))), gender: r.chance(0.55) ? 'female' : 'male' };
}

/** An owner-occupied family of `size`. */
export function composeFamily(r: Rng, size: number): Member[] {
  if (size === 1) {
    return [{ age: r.chance(0.45) ? r.int(65, 95) : r.int(22, 64), gender: r.chance(0.55) ? 'female' : 'male' }];
  }
  if (size === 2) {
    const k = r.next();
    if (k < 0.45) return couple(r, 62, 88);
    if (k < 0.75) return couple(r, 24, 60);
    const parent: Member = { age: r.int(35, 62), gender: r.chance(0.7) ? 'female' : 'male' };
    return [parent, child(r, parent.age)];
  }
  const members = couple(r, 28, 55);
  const parentAge = members[0]!.age;
  if (size === 3) return [...members, child(r, parentAge)];
  if (size === 4) {
    return r.chance(0.6) ? [...members, child(r, parentAge), child(r, parentAge)]
      : [...members, child(r, parentAge), grandparent(r, parentAge)];
  }
  const extra = Array.from({ length: size - 5 }, () => child(r, parentAge));
  return r.chance(0.5)
    ? [...members, child(r, parentAge), child(r, parentAge), grandparent(r, parentAge), ...extra]
    : [...members, child(r, parentAge), grandparent(r, parentAge), grandparent(r, parentAge), ...extra];
}

/** Tenants of a rented home: a young family, or workers sharing (mostly same-sex groups). */
export function composeRenters(r: Rng, size: number): Member[] {
  if (size >= 3 && r.chance(0.45)) {
    const members = couple(r, 25, 45);
    while (members.length < size) members.push({ age: r.int(0, 15), gender: r.chance(0.52) ? 'male' : 'female' });
    return members;
  }
  if (size === 2 && r.chance(0.55)) return couple(r, 21, 45);
  const groupGender: Gender | null = r.chance(0.7) ? (r.chance(0.6) ? 'male' : 'female') : null;
  return Array.from({ length: size }, () => ({
    age: r.int(18, size === 1 ? 55 : 45), gender: groupGender ?? (r.chance(0.5) ? 'male' : 'female'),
  }));
}
