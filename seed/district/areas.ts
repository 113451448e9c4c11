/**
 * Administrative and policing areas: sub-districts (街道), communities (社区) and beats (警务区).
 *
 * Each level is the Voronoi diagram of seeded points clipped to its parent: sub-districts tile the
 * outline, communities tile their sub-district, beats tile their community. Nesting the clips (rather
 * than unioning communities into sub-districts afterwards) guarantees that every level tiles its parent
 * with shared edges and no slivers between levels. One police station (派出所) per sub-district has that
 * sub-district as its jurisdiction.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Rng } from './random.js';
import type { NameBook } from './names.js';
import { type MultiPolygonXY, type Ring, type XY, boxOfMulti, multiArea, pointInMulti } from './geometry.js';

export const DISTRICT_CODE = '330203';
export const DISTRICT_NAME = '海曙区';

export interface AreaOptions {
  subDistricts: number;
  communitiesPerSubDistrict: readonly [number, number];
  beatsPerCommunity: readonly [number, number];
}

export interface SubDistrictPlan {
  stem: string;
  name: string;
  code: string;
  geom: MultiPolygonXY;
  station: { name: string; code: string; phone: string; point: XY };
}

export interface CommunityPlan {
  name: string;
  code: string;
  subIndex: number;
  geom: MultiPolygonXY;
}

export interface BeatPlan {
  name: string;
  code: string;
  communityIndex: number;
  subIndex: number;
  officerName: string;
  officerBadge: string;
  geom: MultiPolygonXY;
}

export interface AreaPlan {
  subDistricts: SubDistrictPlan[];
  communities: CommunityPlan[];
  beats: BeatPlan[];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const ORDINALS = ['一', '二', '三', '四', '五'];

/**
 * Points inside `region`, kept apart by roughly the spacing an even spread would have, so cells come
 * out of comparable size. The spacing relaxes if the region is too awkward to fit them all.
 */
function seedPoints(rng: Rng, region: MultiPolygonXY, count: number): XY[] {
  const box = boxOfMulti(region);
  let spacing = Math.sqrt(multiArea(region) / count) * 0.6;
  const points: XY[] = [];
  let failures = 0;
  while (points.length < count) {
    const p: XY = [rng.float(box.minX, box.maxX), rng.float(box.minY, box.maxY)];
    const ok = pointInMulti(p, region) && points.every((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) >= spacing);
    if (ok) {
      points.push(p);
      failures = 0;
    } else if (++failures > 200) {
      spacing *= 0.85;
      failures = 0;
    }
  }
  return points;
}

function toMultiXY(f: Feature<Polygon | MultiPolygon>): MultiPolygonXY {
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((poly) => poly.map((ring) => ring.map((p) => [p[0] ?? 0, p[1] ?? 0] as XY) as Ring));
}

/** Voronoi cells of `seeds`, each clipped to `region`; cell i belongs to seed i. */
function voronoiClip(seeds: readonly XY[], region: MultiPolygonXY): MultiPolygonXY[] {
  if (seeds.length === 1) return [region];
  const box = boxOfMulti(region);
  const bbox: [number, number, number, number] = [box.minX - 500, box.minY - 500, box.maxX + 500, box.maxY + 500];
  const cells = turf.voronoi(turf.featureCollection(seeds.map((p) => turf.point(p))), { bbox });
  const regionFeature = turf.multiPolygon(region);
  return seeds.map((seed, i) => {
    const cell = cells.features[i];
    if (!cell) throw new Error(`no Voronoi cell for seed ${i}`);
    const clipped = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([cell, regionFeature]));
    if (!clipped) throw new Error(`Voronoi cell of seed ${seed.join(',')} misses its region`);
    // Drop zero-area fragments the clipper can leave where a cell edge grazes the region boundary.
    return toMultiXY(clipped).filter((poly) => multiArea([poly]) > 0.01);
  });
}

export function generateAreas(rng: Rng, names: NameBook, outline: Ring, options: AreaOptions): AreaPlan {
  const district: MultiPolygonXY = [[outline]];
  const subSeeds = seedPoints(rng, district, options.subDistricts);
  const subGeoms = voronoiClip(subSeeds, district);
  const stems = names.subDistrictStems(options.subDistricts);
  const badges = new Set<string>();

  const subDistricts: SubDistrictPlan[] = [];
  const communities: CommunityPlan[] = [];
  const beats: BeatPlan[] = [];

  subGeoms.forEach((subGeom, s) => {
    const stem = stems[s] as string;
    const code = `${DISTRICT_CODE}${pad(s + 1, 3)}`;
    const stationCode = `${DISTRICT_CODE}${pad(51 + s, 2)}0000`;
    subDistricts.push({
      stem,
      name: `${stem}街道`,
      code,
      geom: subGeom,
      // The station sits at the sub-district's seed, which is always inside its own cell.
      station: { name: `${stem}派出所`, code: stationCode, phone: `0574-87${pad(rng.int(0, 999_999), 6)}`, point: subSeeds[s] as XY },
    });

    const [cMin, cMax] = options.communitiesPerSubDistrict;
    const communitySeeds = seedPoints(rng, subGeom, rng.int(cMin, cMax));
    let beatInStation = 0;
    voronoiClip(communitySeeds, subGeom).forEach((communityGeom, c) => {
      const communityIndex = communities.length;
      const communityName = names.community();
      communities.push({ name: communityName, code: `${code}${pad(c + 1, 3)}`, subIndex: s, geom: communityGeom });

      const [bMin, bMax] = options.beatsPerCommunity;
      const beatCount = rng.int(bMin, bMax);
      const beatSeeds = seedPoints(rng, communityGeom, beatCount);
      voronoiClip(beatSeeds, communityGeom).forEach((beatGeom, b) => {
        beatInStation++;
        let badge: string;
        do badge = `${pad(s + 1, 2)}${pad(rng.int(0, 9999), 4)}`;
        while (badges.has(badge));
        badges.add(badge);
        beats.push({
          name: beatCount === 1 ? `${communityName}警务区` : `${communityName}第${ORDINALS[b]}警务区`,
          code: `${stationCode.slice(0, 8)}${pad(beatInStation, 4)}`,
          communityIndex,
          subIndex: s,
          officerName: names.officer(),
          officerBadge: badge,
          geom: beatGeom,
        });
      });
    });
  });

  return { subDistricts, communities, beats };
}
