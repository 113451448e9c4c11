/**
 * generateDistrict: the whole synthetic Haishu district as table rows, a pure function of
 * (scale, seed). No database, no clock, no Math.random: the same inputs give deep-equal output.
 *
 * Scales share the district's area and differ in street density and in how many and how tall the
 * buildings are: 'test' is small enough for unit tests, 'demo' looks like a real district on the map,
 * 'bench' is dense with towers to load-test tiles and queries.
 */
import { createRng } from './random.js';
import { NameBook } from './names.js';
import { generateOutline } from './outline.js';
import { type AreaOptions, DISTRICT_CODE, DISTRICT_NAME, generateAreas } from './areas.js';
import { type StreetOptions, generateStreets } from './streets.js';
import { type BuildingProfile, generateBuildings } from './buildings.js';
import { generateAddresses } from './addresses.js';
import { conformPolygons } from './conform.js';
import { type MultiPolygonXY, pathToLngLat, multiPolygonToLngLat, toLngLat } from './geometry.js';
import type { DistrictData, Scale } from './types.js';

export type { DistrictData, Scale } from './types.js';

export const DEFAULT_SEED = 20120501;

interface ScaleConfig { areas: AreaOptions; streets: StreetOptions; buildings: BuildingProfile }

export const SCALE_CONFIG: Record<Scale, ScaleConfig> = {
  test: {
    areas: { subDistricts: 3, communitiesPerSubDistrict: [2, 3], beatsPerCommunity: [1, 2] },
    streets: { mainRoads: 4, secondaryRoads: 10, lanes: 25 },
    buildings: {
      targetAddresses: 2200, towerShare: 0.1, slabFloors: [4, 6], towerFloors: [11, 16], towerRoomsPerFloor: [2, 3],
      frontFloors: [2, 5], commercialFloors: [1, 4], compoundRows: [1, 2],
    },
  },
  demo: {
    areas: { subDistricts: 7, communitiesPerSubDistrict: [4, 6], beatsPerCommunity: [1, 3] },
    streets: { mainRoads: 6, secondaryRoads: 28, lanes: 140 },
    buildings: {
      targetAddresses: 25_000, towerShare: 0.3, slabFloors: [5, 7], towerFloors: [11, 24], towerRoomsPerFloor: [2, 4],
      frontFloors: [3, 7], commercialFloors: [1, 6], compoundRows: [2, 4],
    },
  },
  bench: {
    areas: { subDistricts: 8, communitiesPerSubDistrict: [5, 7], beatsPerCommunity: [1, 3] },
    streets: { mainRoads: 7, secondaryRoads: 45, lanes: 320 },
    buildings: {
      targetAddresses: 300_000, towerShare: 0.8, slabFloors: [6, 11], towerFloors: [18, 33], towerRoomsPerFloor: [3, 4],
      frontFloors: [4, 12], commercialFloors: [2, 12], compoundRows: [3, 5],
    },
  },
};

const multi = (mp: MultiPolygonXY) => ({ type: 'MultiPolygon' as const, coordinates: multiPolygonToLngLat(mp) });

export function generateDistrict({ scale, seed = DEFAULT_SEED }: { scale: Scale; seed?: number }): DistrictData {
  const config = SCALE_CONFIG[scale];
  if (!config) throw new Error(`unknown scale ${String(scale)}`);
  const root = createRng(seed);
  const names = new NameBook(root.fork('names'));

  const outline = generateOutline(root.fork('outline'));
  const areas = generateAreas(root.fork('areas'), names, outline, config.areas);
  const streets = generateStreets(root.fork('streets'), names, outline, config.streets);
  const buildings = generateBuildings(root.fork('buildings'), names, streets, outline, areas.beats, config.buildings);
  const addresses = generateAddresses(buildings, streets, areas);

  // Shared edges must stay shared after rounding to 7 decimals (see conform.ts).
  const levels = [[[outline]], ...areas.subDistricts.map((s) => s.geom), ...areas.communities.map((c) => c.geom),
    ...areas.beats.map((b) => b.geom)];
  const conformed = conformPolygons(levels);
  const [districtGeom, ...rest] = conformed.map(multi);
  const subGeoms = rest.slice(0, areas.subDistricts.length);
  const communityGeoms = rest.slice(areas.subDistricts.length, areas.subDistricts.length + areas.communities.length);
  const beatGeoms = rest.slice(areas.subDistricts.length + areas.communities.length);

  return {
    scale,
    seed,
    districts: [{ id: 1, code: DISTRICT_CODE, name: DISTRICT_NAME, geom: districtGeom! }],
    sub_districts: areas.subDistricts.map((s, i) => ({ id: i + 1, code: s.code, name: s.name, district_id: 1, geom: subGeoms[i]! })),
    communities: areas.communities.map((c, i) => ({
      id: i + 1, code: c.code, name: c.name, sub_district_id: c.subIndex + 1, geom: communityGeoms[i]!,
    })),
    police_stations: areas.subDistricts.map((s, i) => ({
      id: i + 1, code: s.station.code, name: s.station.name, district_id: 1, phone: s.station.phone,
      geom: { type: 'Point', coordinates: toLngLat(s.station.point) }, area: multi(conformed[i + 1]!),
    })),
    beats: areas.beats.map((b, i) => ({
      id: i + 1, code: b.code, name: b.name, station_id: b.subIndex + 1, community_id: b.communityIndex + 1,
      officer_name: b.officerName, officer_badge: b.officerBadge, geom: beatGeoms[i]!,
    })),
    streets: streets.map((s, i) => ({
      id: i + 1, name: s.name, kind: s.kind, geom: { type: 'LineString', coordinates: pathToLngLat(s.line) },
    })),
    buildings: buildings.map((b, i) => {
      const beat = areas.beats[b.beatIndex];
      if (!beat) throw new Error(`building ${i} has no beat`);
      const first = b.corners[0] as [number, number];
      return {
        id: i + 1, street_id: b.streetIndex + 1, door_number: b.doorNumber, compound: b.compound, building_no: b.buildingNo,
        use: b.use, floors: b.floors, units: b.units, community_id: beat.communityIndex + 1, beat_id: b.beatIndex + 1,
        geom: { type: 'Polygon', coordinates: [pathToLngLat([...b.corners, first])] },
      };
    }),
    standard_addresses: addresses,
  };
}
