/**
 * The district outline: an irregular polygon over Haishu's urban core (about 121.50–121.60 E,
 * 29.84–29.90 N), in local metres.
 *
 * A hand-drawn base shape gives the district its recognisable silhouette (a notch on the north side
 * where the river bends in); seeded midpoint displacement then roughens the edges so the boundary
 * looks surveyed rather than drawn with a ruler. Displacement is small relative to each edge, so the
 * ring never self-intersects.
 */
import type { Rng } from './random.js';
import { type Ring, type XY, ringArea } from './geometry.js';

/** Counter-clockwise base shape in metres from (121.55 E, 29.87 N); stays inside ±4.8 km × ±3.3 km. */
const BASE_SHAPE: readonly XY[] = [
  [-4500, -1800], [-3800, -3000], [-2200, -3150], [-600, -2800], [900, -3100], [2600, -2700],
  [3800, -2100], [4300, -900], [4000, 400], [4450, 1550], [3700, 2800], [2000, 3100],
  [700, 2450], [-900, 3100], [-2700, 2900], [-3950, 2050], [-4600, 700], [-4200, -500],
];

/** Half extents of the box the outline must stay within (121.50–121.60 E, 29.84–29.90 N). */
const LIMIT_X = 4800;
const LIMIT_Y = 3300;

/**
 * One round of midpoint displacement: every edge gets a new vertex pushed sideways by up to
 * `roughness` × edge length.
 */
function displace(ring: readonly XY[], rng: Rng, roughness: number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as XY;
    const b = ring[(i + 1) % ring.length] as XY;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    const off = rng.float(-roughness, roughness) * len;
    const t = rng.float(0.4, 0.6);
    const mid: XY = [a[0] + dx * t + (-dy / len) * off, a[1] + dy * t + (dx / len) * off];
    mid[0] = Math.max(-LIMIT_X, Math.min(LIMIT_X, mid[0]));
    mid[1] = Math.max(-LIMIT_Y, Math.min(LIMIT_Y, mid[1]));
    out.push(a, mid);
  }
  return out;
}

/** The district outline as a closed counter-clockwise ring in metres. */
export function generateOutline(rng: Rng): Ring {
  // Jitter the base corners a little so different seeds give different (but similar) districts.
  let ring: XY[] = BASE_SHAPE.map(([x, y]) => [
    Math.max(-LIMIT_X, Math.min(LIMIT_X, x + rng.float(-120, 120))),
    Math.max(-LIMIT_Y, Math.min(LIMIT_Y, y + rng.float(-120, 120))),
  ]);
  ring = displace(ring, rng, 0.12);
  ring = displace(ring, rng, 0.1);
  ring = displace(ring, rng, 0.08);
  if (ringArea(ring) < 0) ring.reverse();
  const first = ring[0] as XY;
  return [...ring, [first[0], first[1]]];
}

