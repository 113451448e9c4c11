/**
 * Row shapes produced by the generator: one interface per table of migrations/0001_foundation.ts, with
 * explicit ids (1..n per table) and geometries as GeoJSON geometry objects in [lng, lat].
 */
import type { LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { AddressLevel, BuildingUse, StreetKind } from '../../server/db/schema.js';

export type Scale = 'test' | 'demo' | 'bench';
export const SCALES: readonly Scale[] = ['test', 'demo', 'bench'];

export interface DistrictRow { id: number; code: string; name: string; geom: MultiPolygon }

export interface SubDistrictRow { id: number; code: string; name: string; district_id: number; geom: MultiPolygon }

export interface CommunityRow { id: number; code: string; name: string; sub_district_id: number; geom: MultiPolygon }

export interface PoliceStationRow {
  id: number;
  code: string;
  name: string;
  district_id: number;
  phone: string | null;
  geom: Point;
  area: MultiPolygon;
}

export interface BeatRow {
  id: number;
  code: string;
  name: string;
  station_id: number;
  community_id: number;
  officer_name: string | null;
  officer_badge: string | null;
  geom: MultiPolygon;
}

export interface StreetRow { id: number; name: string; kind: StreetKind; geom: LineString }

export interface BuildingRow {
  id: number;
  street_id: number | null;
  door_number: string;
  compound: string | null;
  building_no: string | null;
  use: BuildingUse;
  floors: number;
  units: number;
  community_id: number;
  beat_id: number;
  geom: Polygon;
}

export interface StandardAddressRow {
  id: number;
  code: string;
  level: AddressLevel;
  parent_id: number | null;
  sub_district_id: number;
  community_id: number;
  beat_id: number;
  street_id: number | null;
  building_id: number | null;
  road: string;
  door_number: string;
  compound: string | null;
  building_no: string | null;
  unit_no: string | null;
  floor_no: number | null;
  room_no: string | null;
  grid_code: string | null;
  full_address: string;
  geom: Point;
}

/** Everything the loader inserts, table by table, in foreign-key order. */
export interface DistrictData {
  scale: Scale;
  seed: number;
  districts: DistrictRow[];
  sub_districts: SubDistrictRow[];
  communities: CommunityRow[];
  police_stations: PoliceStationRow[];
  beats: BeatRow[];
  streets: StreetRow[];
  buildings: BuildingRow[];
  standard_addresses: StandardAddressRow[];
}

/** The district tables in insertion (foreign-key) order. */
export const DISTRICT_TABLES = [
  'districts', 'sub_districts', 'communities', 'police_stations', 'beats', 'streets', 'buildings', 'standard_addresses',
] as const;
export type DistrictTableName = (typeof DISTRICT_TABLES)[number];
