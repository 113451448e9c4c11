import { scopeKey, scopeParam, type BeatScope } from '../access/jurisdiction.js';
import type { Queryable } from '../db/queryable.js';
import { maskText } from '../privacy/masking.js';
import { REGISTERS, registerById } from '../registers/specs/index.js';
import { ADDRESS_SEARCH_COLUMNS, IDENTIFIER_COLUMNS, SEARCH_COLUMNS } from './search-columns.js';
import { identifierPrefix, toTsquery } from './search-query.js';

export interface SearchHit { id: number; label: string; detail: string | null; lng: number | null; lat: number | null }
export interface SearchGroup { register: string; title: { zh: string; en: string }; hits: SearchHit[] }

/** Registers in the order the box lists them, then addresses. */
const SEARCHED = REGISTERS.filter((spec) => SEARCH_COLUMNS[spec.id]);

/** Quote an identifier or a fixed text for the statement (names come from specs, never from input). */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

let statement: { name: string; text: string } | null = null;

/**
 * The search as ONE statement: a UNION ALL of one branch per register (and addresses), each on its
 * GIN expression index, best first: an exact label, then shorter labels. Parameters: $1 the tsquery,
 * $2 the trimmed text (for the exact match), $3 hits per group, $4 the registers searched, $5 their
 * beats (NULL: the whole district), $6 whether addresses are searched, $7 the LIKE pattern of an
 * identifier being typed (or NULL): then people and cases are looked up by prefix in their
 * identifier indexes instead of their text index (IDENTIFIER_COLUMNS). Built once and run as a named
 * statement: one round trip and one parse per keystroke, not twelve.
 * `beat_id + 0` keeps the jurisdiction a filter on the rows the text index found: the planner
 * cannot tell how selective a tsquery is, and with an indexable beat list it ANDed the text index
 * with a scan of every case in the officer's beats (22 ms for a case number that matches one row).
 * `coalesce(…, false)` (the same filter: no beat is no match) spares the planner an equality estimate
 * per beat in the list per branch — 101 beats × 15 branches on every keystroke — it takes a coalesce
 * as keeping half the rows, which changes no plan here: the rows come from the text index either way.
 * PostgreSQL keeps custom plans for this statement (pg_prepared_statements shows no generic one), so
 * it is planned on every run with the beat list's size seen — the tsquery's selectivity is not — and
 * planning was most of a search's cost (bench scale, pg_stat_statements). A forced generic plan is no
 * way out: p50 3.1 ms but p95 5.1 s, some branches losing their index without the tsquery. Migration
 * 0010 took the planning's two wastes out instead (an inlining attempt of search_terms per branch,
 * 1,000-lexeme statistics per branch): planning 1.35–1.66 → 0.58–0.67 ms against 0.3–0.4 ms of
 * execution, measured on one machine in one hour.
 */
export function searchStatement(): { name: string; text: string } {
  if (statement) return statement;
  const inScope = (spec: { id: string }) => `AND '${spec.id}' = ANY($4::text[]) AND ($5::integer[] IS NULL OR coalesce(r.beat_id + 0 = ANY($5::integer[]), false))`;
  const branches = SEARCHED.flatMap((spec) => {
    const columns = SEARCH_COLUMNS[spec.id]!;
    const detail = columns.find((column) => column !== spec.label) ?? null;
    const label = `r.${ident(spec.label)}::text`;
    const identifiers = IDENTIFIER_COLUMNS[spec.id] ?? [];
    const text = `(SELECT '${spec.id}'::text AS register, r.id, ${label} AS label, ${detail ? `r.${ident(detail)}::text` : 'NULL::text'} AS detail,
             ST_X(ST_PointOnSurface(r.geom)) AS lng, ST_Y(ST_PointOnSurface(r.geom)) AS lat
        FROM ${ident(spec.table)} r
       WHERE search_terms(${columns.map((column) => `r.${ident(column)}`).join(', ')}) @@ $1::tsquery AND r.deleted_at IS NULL ${inScope(spec)}
         ${identifiers.length > 0 ? 'AND $7::text IS NULL' : ''}
       ORDER BY (${label} = $2::text) DESC, length(${label}), r.id LIMIT $3::integer)`;
    // An identifier being typed ($7, its LIKE pattern): each identifier column walked in its prefix
    // index's order, the first hits of each, then the first of those — exact match first (shortest).
    const byPrefix = identifiers.map((column) => `(SELECT r.id, ${label} AS label, r.${ident(column)}::text AS detail,
             ST_X(ST_PointOnSurface(r.geom)) AS lng, ST_Y(ST_PointOnSurface(r.geom)) AS lat, lower(r.${ident(column)}) AS k
        FROM ${ident(spec.table)} r
       WHERE $7::text IS NOT NULL AND lower(r.${ident(column)}) LIKE $7::text AND r.deleted_at IS NULL ${inScope(spec)}
       ORDER BY lower(r.${ident(column)}) USING ~<~ LIMIT $3::integer)`);
    return byPrefix.length === 0 ? [text] : [text, `(SELECT '${spec.id}'::text, p.id, p.label, p.detail, p.lng, p.lat
        FROM (${byPrefix.join(' UNION ALL ')}) p ORDER BY p.k USING ~<~, p.id LIMIT $3::integer)`];
  });
  branches.push(`(SELECT 'addresses'::text, a.id, a.full_address, a.level, ST_X(a.geom), ST_Y(a.geom)
      FROM standard_addresses a
     WHERE search_terms(${ADDRESS_SEARCH_COLUMNS.map((column) => `a.${ident(column)}`).join(', ')}) @@ $1::tsquery AND $6::boolean
     ORDER BY (a.level = 'room'), length(a.full_address), a.id LIMIT $3::integer)`);
  statement = { name: 'search_all', text: branches.join('\n  UNION ALL ') };
  return statement;
}

/**
 * Records matching every term of `q` within the caller's jurisdiction (`scopeOf` each register; the
 * default is the whole district), grouped by register in the box's order; deleted records never match.
 * Labels and details are masked (an ID number or a phone found is shown as 330203********123X).
 */
export async function search(pool: Queryable, q: string, perGroup: number,
  scopeOf: (register: string) => BeatScope = () => 'all'): Promise<SearchGroup[]> {
  const query = toTsquery(q);
  if (!query) return [];
  // One run per distinct jurisdiction (in practice one: a role reads its registers over the same beats).
  const byScope = new Map<string, { scope: BeatScope; registers: string[] }>();
  for (const spec of SEARCHED) {
    const scope = scopeOf(spec.id);
    if (scope !== 'all' && scope.length === 0) continue;
    const group = byScope.get(scopeKey(scope)) ?? { scope, registers: [] };
    group.registers.push(spec.id);
    byScope.set(scopeKey(scope), group);
  }
  const runs = [...byScope.values()];
  if (runs.length === 0) runs.push({ scope: [], registers: [] }); // addresses only
  const groups = new Map<string, SearchHit[]>();
  for (const [index, run] of runs.entries()) {
    const { rows } = await pool.query<SearchHit & { register: string }>({
      ...searchStatement(), values: [query, q.trim(), perGroup, run.registers, scopeParam(run.scope), index === 0, identifierPrefix(q)],
    });
    for (const { register, ...hit } of rows) {
      const hits = groups.get(register) ?? [];
      if (hits.some((seen) => seen.id === hit.id)) continue; // a person found by ID number and by phone
      hits.push({ ...hit, label: maskText(hit.label), detail: hit.detail === null ? null : maskText(hit.detail) });
      groups.set(register, hits);
    }
  }
  const order = [...SEARCHED.map((spec) => ({ register: spec.id, title: spec.title })), { register: 'addresses', title: { zh: '标准地址', en: 'Addresses' } }];
  return order.filter(({ register }) => groups.has(register)).map(({ register, title }) => ({ register, title, hits: groups.get(register)! }));
}


export const searchableRegisters = () => SEARCHED.map((spec) => registerById(spec.id)!.id);
