import { sql, type RawBuilder } from 'kysely';
import type { RegisterSpec } from './register-spec.js';
import { registerById } from './specs/index.js';

/**
 * SQL fragments for a register, built from its spec. Identifiers come only from specs (trusted);
 * every value travels as a parameter.
 */
export const fieldNames = (spec: RegisterSpec) => Object.keys(spec.fields);

/** The columns of a record as the API shows it (alias `r`). */
export function selectColumns(spec: RegisterSpec): RawBuilder<unknown> {
  const fields = fieldNames(spec).map((name) => `r.${name}`).join(', ');
  return sql.raw(`r.id, r.version, ${fields}, ST_AsGeoJSON(r.geom, 7)::json AS geometry, r.address_id, r.community_id,
    r.beat_id, r.collected_by, r.verified_by, r.verified_at, r.verified_how, r.created_at, r.updated_at`);
}

/** The table a ref field points at (`beats` is a district table, not a register). */
export function refTable(register: string): { table: string; softDeleted: boolean } {
  if (register === 'beats') return { table: 'beats', softDeleted: false };
  const target = registerById(register);
  if (!target) throw new Error(`unknown register ${register} in a ref field`);
  return { table: target.table, softDeleted: true };
}

/** A column value as SQL: geometry from GeoJSON, arrays as text[], the rest as parameters. */
export function valueSql(spec: RegisterSpec, column: string, value: unknown): RawBuilder<unknown> {
  if (column === 'geometry') return value === null ? sql`NULL` : sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), 4326)`;
  const field = spec.fields[column];
  if (field?.kind === 'enumSet') return sql`${value === null ? [] : value}::text[]`;
  return sql`${value}`;
}

export const columnOf = (name: string) => (name === 'geometry' ? 'geom' : name);
