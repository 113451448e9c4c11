import type { Generated } from 'kysely';

/**
 * Kysely table types for the database. Geometry columns are typed `unknown`: they are only ever read
 * or written through the helpers in `postgis.ts` (GeoJSON in, GeoJSON out), never as raw EWKB.
 */
export interface DistrictTable {
  id: Generated<number>;
  code: string;
  name: string;
  geom: unknown;
}

export interface SubDistrictTable {
  id: Generated<number>;
  code: string;
  name: string;
  district_id: number;
  geom: unknown;
}

export interface CommunityTable {
  id: Generated<number>;
  code: string;
  name: string;
  sub_district_id: number;
  geom: unknown;
}

export interface PoliceStationTable {
  id: Generated<number>;
  code: string;
  name: string;
  district_id: number;
  phone: string | null;
  geom: unknown;
  area: unknown;
}

export interface BeatTable {
  id: Generated<number>;
  code: string;
  name: string;
  station_id: number;
  community_id: number;
  officer_name: string | null;
  officer_badge: string | null;
  geom: unknown;
}

export type StreetKind = 'main' | 'secondary' | 'lane';

export interface StreetTable {
  id: Generated<number>;
  name: string;
  kind: StreetKind;
  geom: unknown;
}

export type BuildingUse = 'residential' | 'commercial' | 'mixed' | 'industrial' | 'public';

export interface BuildingTable {
  id: Generated<number>;
  street_id: number | null;
  door_number: string;
  compound: string | null;
  building_no: string | null;
  use: BuildingUse;
  floors: number;
  units: number;
  community_id: Generated<number | null>;
  beat_id: Generated<number | null>;
  geom: unknown;
}

export type AddressLevel = 'door' | 'building' | 'unit' | 'room';

export interface StandardAddressTable {
  id: Generated<number>;
  code: string;
  level: AddressLevel;
  parent_id: number | null;
  sub_district_id: number | null;
  community_id: Generated<number | null>;
  beat_id: Generated<number | null>;
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
  geom: unknown;
}

export interface LayerRevisionTable {
  layer: string;
  revision: Generated<string>;
  changed_at: Generated<Date>;
}

export interface Database {
  districts: DistrictTable;
  sub_districts: SubDistrictTable;
  communities: CommunityTable;
  police_stations: PoliceStationTable;
  beats: BeatTable;
  streets: StreetTable;
  buildings: BuildingTable;
  standard_addresses: StandardAddressTable;
  layer_revisions: LayerRevisionTable;
}
