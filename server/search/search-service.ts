import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { REGISTERS, registerById } from '../registers/specs/index.js';
import { ADDRESS_SEARCH_COLUMNS, SEARCH_COLUMNS } from './search-columns.js';
import { toTsquery } from './search-query.js';

export interface SearchHit { id: number; label: string; detail: string | null; lng: number | null; lat: number | null }
export interface SearchGroup { register: string; title: { zh: string; en: string }; hits: SearchHit[] }

/** Registers in the order the box lists them, then addresses. */
const SEARCHED = REGISTERS.filter((spec) => SEARCH_COLUMNS[spec.id]);

/**
 * Records matching every term of `q`, grouped by register, best first: an exact label, then shorter
 * labels. Each group is one query on its GIN expression index; deleted records never match.
 */
export async function search(db: Kysely<Database>, q: string, perGroup: number): Promise<SearchGroup[]> {
  const query = toTsquery(q);
  if (!query) return [];
  const groups: SearchGroup[] = [];
  for (const spec of SEARCHED) {
    const columns = SEARCH_COLUMNS[spec.id]!;
    const detail = columns.find((column) => column !== spec.label) ?? null;
    const { rows } = await sql<SearchHit>`
      SELECT r.id, ${sql.ref(`r.${spec.label}`)}::text AS label, ${detail ? sql.ref(`r.${detail}`) : sql`NULL`}::text AS detail,
             ST_X(ST_PointOnSurface(r.geom)) AS lng, ST_Y(ST_PointOnSurface(r.geom)) AS lat
        FROM ${sql.table(spec.table)} r
       WHERE search_terms(${sql.join(columns.map((column) => sql.ref(`r.${column}`)))}) @@ ${query}::tsquery
         AND r.deleted_at IS NULL
       ORDER BY (${sql.ref(`r.${spec.label}`)}::text = ${q.trim()}) DESC, length(${sql.ref(`r.${spec.label}`)}::text), r.id
       LIMIT ${perGroup}`.execute(db);
    if (rows.length > 0) groups.push({ register: spec.id, title: spec.title, hits: rows });
  }
  const { rows: addresses } = await sql<SearchHit>`
    SELECT a.id, a.full_address AS label, a.level AS detail, ST_X(a.geom) AS lng, ST_Y(a.geom) AS lat
      FROM standard_addresses a
     WHERE search_terms(${sql.join(ADDRESS_SEARCH_COLUMNS.map((column) => sql.ref(`a.${column}`)))}) @@ ${query}::tsquery
     ORDER BY (a.level = 'room'), length(a.full_address), a.id
     LIMIT ${perGroup}`.execute(db);
  if (addresses.length > 0) groups.push({ register: 'addresses', title: { zh: '标准地址', en: 'Addresses' }, hits: addresses });
  return groups;
}

export const searchableRegisters = () => SEARCHED.map((spec) => registerById(spec.id)!.id);
