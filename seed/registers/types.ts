/**
 * Row shapes of the register tables (migrations/0002_registers.ts) as the seed generates them: explicit
 * ids 1..n per table, the shared frame (provenance, verification, jurisdiction, address) filled in, and
 * geometries in [lng, lat]. Point geometries are bare [lng, lat] pairs rather than GeoJSON objects:
 * the bench scale has millions of them, and the loader builds them with ST_MakePoint anyway.
 */
import type { LineString, Polygon } from 'geojson';
import type { Columns } from './load-rows.js';

export type LngLat = [number, number];
export type VerifiedHow = 'field_visit' | 'phone' | 'document' | 'import' | 'system';

/** Columns every register row has (see `frame` in the migration). */
export interface Frame {
  id: number;
  created_at: string;
  updated_at: string;
  collected_by: string | null;
  verified_by: string | null;
  verified_at: string | null;
  verified_how: VerifiedHow | null;
  address_id: number | null;
  /** Computed by the generator, so the placement trigger keeps them instead of looking them up. */
  community_id: number;
  beat_id: number;
}
export interface PointFrame extends Frame { geom: LngLat }

export interface PersonRow extends PointFrame {
  name: string; gender: 'male' | 'female'; birth_date: string; id_number: string | null; phone: string | null;
  category: 'registered' | 'floating' | 'foreign'; care_tags: string[]; moved_in: string | null; moved_out: string | null;
}
export interface HouseRow extends PointFrame {
  use: 'self_occupied' | 'rented' | 'vacant'; landlord_id: number | null; area_m2: number; tenants: number;
}
export type Trade = 'hotel' | 'internet_cafe' | 'entertainment' | 'pawn_second_hand' | 'repair' | 'catering'
  | 'hazardous_chemicals' | 'retail' | 'other';
export interface PremisesRow extends PointFrame {
  name: string; trade: Trade; licence_no: string | null; credit_code: string; responsible_person_id: number | null;
  phone: string | null; risk_level: 'low' | 'medium' | 'high'; status: 'open' | 'suspended' | 'closed';
}
export interface InspectionRow extends PointFrame {
  premises_id: number; inspected_on: string; inspector: string;
  kind: 'routine' | 'fire' | 'security' | 'special' | 'follow_up'; findings: string | null;
  rectification_deadline: string | null; status: 'passed' | 'rectification_required' | 'rectified' | 'overdue';
  follow_up: string | null;
}
export interface CameraRow extends PointFrame {
  name: string; kind: 'public_security' | 'traffic' | 'community' | 'private'; direction_deg: number; fov_deg: number;
  range_m: number; view: Polygon; owner: string | null; contact_phone: string | null; status: 'working' | 'faulty' | 'offline';
}
export interface GuardPostRow extends PointFrame {
  name: string; organisation: string | null; guards: number; hours: string; contact_name: string | null; contact_phone: string | null;
}
export interface VolunteerRow extends PointFrame {
  person_id: number; kind: 'volunteer' | 'harmony_promoter'; team: string; duties: string[]; contact_phone: string | null;
}
export interface OrganisationRow extends PointFrame {
  name: string; kind: 'community_org' | 'school' | 'hospital' | 'company' | 'government' | 'religious' | 'other';
  contact_name: string | null; contact_phone: string | null;
}
export interface HydrantRow extends PointFrame {
  code: string; kind: 'underground' | 'above_ground' | 'wall'; status: 'in_service' | 'faulty' | 'out_of_service';
  last_inspected_on: string | null;
}
export interface FireHazardRow extends PointFrame {
  premises_id: number | null; description: string; level: 'general' | 'major'; deadline: string | null;
  status: 'open' | 'rectifying' | 'closed';
}
export interface FireStationRow extends PointFrame {
  name: string; kind: 'fire_rescue' | 'special_service' | 'micro'; phone: string | null; vehicles: number;
}
export type UnitStatus = 'AVAILABLE' | 'DISPATCHED' | 'EN_ROUTE' | 'ON_SCENE' | 'BUSY' | 'OUT_OF_SERVICE' | 'OFF_DUTY';
export interface PatrolUnitRow extends PointFrame {
  call_sign: string; kind: 'foot' | 'bike' | 'car'; home_beat_id: number; status: UnitStatus; members: number;
}
export interface PatrolRouteRow extends Frame { name: string; unit_id: number; schedule: string; geom: LineString }
export interface CheckpointRow extends PointFrame { name: string; route_id: number }
export interface CaseRow extends PointFrame {
  case_no: string; code_system: 'GA240.1' | 'NIBRS'; code: string; occurred_from: string; occurred_to: string | null;
  reported_at: string; premises_id: number | null; status: 'open' | 'under_investigation' | 'solved' | 'closed';
  narrative: string;
}

/** Every register table's rows, keyed by table name. */
export interface RegisterRows {
  people: PersonRow[]; houses: HouseRow[]; premises: PremisesRow[]; inspections: InspectionRow[]; cameras: CameraRow[];
  guard_posts: GuardPostRow[]; volunteers: VolunteerRow[]; organisations: OrganisationRow[]; hydrants: HydrantRow[];
  fire_hazards: FireHazardRow[]; fire_stations: FireStationRow[]; patrol_units: PatrolUnitRow[];
  patrol_routes: PatrolRouteRow[]; checkpoints: CheckpointRow[]; cases: CaseRow[];
}

/** The register tables in insertion (foreign-key) order. */
export const REGISTER_TABLES = [
  'people', 'houses', 'premises', 'inspections', 'cameras', 'guard_posts', 'volunteers', 'organisations', 'hydrants',
  'fire_hazards', 'fire_stations', 'patrol_units', 'patrol_routes', 'checkpoints', 'cases',
] as const satisfies readonly (keyof RegisterRows)[];
export type RegisterTableName = (typeof REGISTER_TABLES)[number];

/** Some rows of one table, as the step-by-step generator hands them over, with the table's final size. */
export type RegisterChunk = { [T in RegisterTableName]: { table: T; rows: RegisterRows[T]; total: number } }[RegisterTableName];

/**
 * The columns the seed writes to each register table, in insert order, with the SQL type each value
 * is cast to (see load-rows.ts). `point` columns are [lng, lat] in the row and become points with
 * ST_MakePoint; `geometry` columns are GeoJSON. Columns left out (version, deleted_*) keep their
 * defaults.
 */
const FRAME: Columns = [
  ['id', 'bigint'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['collected_by', 'text'],
  ['verified_by', 'text'], ['verified_at', 'timestamptz'], ['verified_how', 'text'], ['address_id', 'integer'],
  ['community_id', 'integer'], ['beat_id', 'integer'],
];
const point: Columns = [['geom', 'point']];

export const REGISTER_COLUMNS: Record<RegisterTableName, Columns> = {
  people: [...FRAME, ...point, ['name', 'text'], ['gender', 'text'], ['birth_date', 'date'], ['id_number', 'text'],
    ['phone', 'text'], ['category', 'text'], ['care_tags', 'text[]'], ['moved_in', 'date'], ['moved_out', 'date']],
  houses: [...FRAME, ...point, ['use', 'text'], ['landlord_id', 'bigint'], ['area_m2', 'numeric'], ['tenants', 'integer']],
  premises: [...FRAME, ...point, ['name', 'text'], ['trade', 'text'], ['licence_no', 'text'], ['credit_code', 'text'],
    ['responsible_person_id', 'bigint'], ['phone', 'text'], ['risk_level', 'text'], ['status', 'text']],
  inspections: [...FRAME, ...point, ['premises_id', 'bigint'], ['inspected_on', 'date'], ['inspector', 'text'], ['kind', 'text'],
    ['findings', 'text'], ['rectification_deadline', 'date'], ['status', 'text'], ['follow_up', 'text']],
  cameras: [...FRAME, ...point, ['name', 'text'], ['kind', 'text'], ['direction_deg', 'integer'], ['fov_deg', 'integer'],
    ['range_m', 'integer'], ['view', 'geometry'], ['owner', 'text'], ['contact_phone', 'text'], ['status', 'text']],
  guard_posts: [...FRAME, ...point, ['name', 'text'], ['organisation', 'text'], ['guards', 'integer'], ['hours', 'text'],
    ['contact_name', 'text'], ['contact_phone', 'text']],
  volunteers: [...FRAME, ...point, ['person_id', 'bigint'], ['kind', 'text'], ['team', 'text'], ['duties', 'text[]'],
    ['contact_phone', 'text']],
  organisations: [...FRAME, ...point, ['name', 'text'], ['kind', 'text'], ['contact_name', 'text'], ['contact_phone', 'text']],
  hydrants: [...FRAME, ...point, ['code', 'text'], ['kind', 'text'], ['status', 'text'], ['last_inspected_on', 'date']],
  fire_hazards: [...FRAME, ...point, ['premises_id', 'bigint'], ['description', 'text'], ['level', 'text'], ['deadline', 'date'],
    ['status', 'text']],
  fire_stations: [...FRAME, ...point, ['name', 'text'], ['kind', 'text'], ['phone', 'text'], ['vehicles', 'integer']],
  patrol_units: [...FRAME, ...point, ['call_sign', 'text'], ['kind', 'text'], ['home_beat_id', 'integer'], ['status', 'text'],
    ['members', 'integer']],
  patrol_routes: [...FRAME, ['geom', 'geometry'], ['name', 'text'], ['unit_id', 'bigint'], ['schedule', 'text']],
  checkpoints: [...FRAME, ...point, ['name', 'text'], ['route_id', 'bigint']],
  cases: [...FRAME, ...point, ['case_no', 'text'], ['code_system', 'text'], ['code', 'text'], ['occurred_from', 'timestamptz'],
    ['occurred_to', 'timestamptz'], ['reported_at', 'timestamptz'], ['premises_id', 'bigint'], ['status', 'text'],
    ['narrative', 'text']],
};
