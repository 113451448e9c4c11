/**
 * A register described as data: its table, its fields and how each is validated, filtered, shown on
 * the map. The engine (schemas, SQL, routes, history, OGC, tiles) is generated from these specs, so
 * every register behaves the same way and a new one is a new spec file.
 */
export type Check = 'idNumber' | 'creditCode' | 'phone';

export type FieldSpec =
  | { kind: 'text'; required?: boolean; maxLength?: number; check?: Check; searchable?: boolean; description?: string }
  | { kind: 'enum'; values: readonly string[]; required?: boolean; filter?: boolean; description?: string }
  | { kind: 'enumSet'; values: readonly string[]; required?: boolean; description?: string }
  | { kind: 'integer'; min: number; max: number; required?: boolean; description?: string }
  | { kind: 'number'; min: number; max: number; required?: boolean; description?: string }
  | { kind: 'date'; required?: boolean; description?: string }
  | { kind: 'datetime'; required?: boolean; description?: string }
  | { kind: 'boolean'; required?: boolean; description?: string }
  /** A code in the `case_codes` table, under the system named by another field of the record. */
  | { kind: 'code'; systemField: string; required?: boolean; description?: string }
  /** A record of another register (or `beats`), by id; must exist and not be deleted. */
  | { kind: 'ref'; register: string; required?: boolean; filter?: boolean; description?: string };

export type GeometryKind = 'Point' | 'LineString' | 'Polygon';

export interface RegisterSpec {
  /** URL and OGC collection id, e.g. `guard-posts`. */
  id: string;
  table: string;
  title: { zh: string; en: string };
  /** Which of the seven functions it belongs to (the map groups layers by this). */
  group: 'population' | 'premises' | 'resources' | 'fire' | 'patrol' | 'cases';
  geometry: GeometryKind;
  /** Geometry may be omitted when `address_id` is given (the record sits at the address). */
  placedByAddress: boolean;
  fields: Record<string, FieldSpec>;
  /** Fields that name the record in lists and links. */
  label: string;
  /** Attributes in its vector-tile layer (the feature id is the record id). */
  tileAttributes: string[];
  /**
   * Every read is audited with the record ids it returned, through any route (records, lists,
   * history, links, OGC, search, single-record tiles): registers about persons and what happened to
   * them — people and cases today; patrol tracks, when they become a register, declare it too.
   */
  auditReads?: true;
  /** Extra cross-field rules: returns [field, reason] for the first violation, or null. */
  rule?: (record: Record<string, unknown>) => [string, string] | null;
}

/** Columns every register has; clients read them, only the engine writes them. */
export const FRAME_READ_ONLY = ['id', 'version', 'created_at', 'updated_at', 'community_id', 'beat_id',
  'collected_by', 'verified_by', 'verified_at', 'verified_how'] as const;

export const VERIFY_METHODS = ['field_visit', 'phone', 'document', 'import', 'system'] as const;
export const CHANGE_SOURCES = ['field_visit', 'phone', 'import', 'correction', 'document', 'system'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];
