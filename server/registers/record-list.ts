import { sql, type Kysely, type RawBuilder } from 'kysely';
import { scopeSql, type BeatScope } from '../access/jurisdiction.js';
import type { Database } from '../db/schema.js';
import { badRequest } from '../http/errors.js';
import { selectColumns } from './record-sql.js';
import type { RegisterSpec } from './register-spec.js';
import type { RecordRow } from './record-service.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface ListFilters {
  bbox: [number, number, number, number] | null;
  limit: number;
  offset: number;
  /** Column → value equality filters (enum and ref fields, beat, community, address). */
  equals: Record<string, string | number>;
  notVerifiedDays: number | null;
  /** Records whose last change is at or before this time (OGC `datetime`, an instant or `../end`). */
  updatedBefore: string | null;
  updatedAfter: string | null;
  /** The caller's jurisdiction: records outside it are not there (absent: the whole district, for the engine itself). */
  scope?: BeatScope;
}

/** Query-string values (all strings) → filters, or a 400 naming the parameter. */
export function parseListQuery(spec: RegisterSpec, query: Record<string, string | undefined>): ListFilters {
  const filters: ListFilters = {
    bbox: query.bbox === undefined ? null : parseBbox(query.bbox),
    limit: query.limit === undefined ? DEFAULT_LIMIT : wholeNumber('limit', query.limit, 1, MAX_LIMIT),
    offset: query.offset === undefined ? 0 : wholeNumber('offset', query.offset, 0, 10_000_000),
    equals: {},
    notVerifiedDays: query.not_verified_days === undefined ? null : wholeNumber('not_verified_days', query.not_verified_days, 0, 36_500),
    updatedBefore: null,
    updatedAfter: null,
  };
  for (const name of ['beat_id', 'community_id', 'address_id']) {
    const value = query[name];
    if (value !== undefined) filters.equals[name] = wholeNumber(name, value, 1, Number.MAX_SAFE_INTEGER);
  }
  for (const [name, field] of Object.entries(spec.fields)) {
    const value = query[name];
    if (value === undefined) continue;
    if (field.kind === 'enum') {
      if (!field.values.includes(value)) throw badRequest(name, `must be one of ${field.values.join(', ')}, got "${value}"`);
      filters.equals[name] = value;
    } else if (field.kind === 'ref') {
      filters.equals[name] = wholeNumber(name, value, 1, Number.MAX_SAFE_INTEGER);
    }
  }
  return filters;
}

export function parseBbox(raw: string): [number, number, number, number] {
  const parts = raw.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || raw.trim() === '') {
    throw badRequest('bbox', `must be four numbers west,south,east,north, got "${raw}"`);
  }
  const [w, s, e, n] = parts as [number, number, number, number];
  if (w < -180 || e > 180 || s < -90 || n > 90) throw badRequest('bbox', 'must lie within longitude -180..180 and latitude -90..90');
  if (w > e || s > n) throw badRequest('bbox', 'west must not exceed east, nor south north');
  return [w, s, e, n];
}

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  if (!/^\d{1,16}$/.test(raw)) throw badRequest(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw badRequest(name, `must be from ${min} to ${max}, got ${value}`);
  return value;
}

/** The filters as one SQL condition over the register aliased `r` (live records only); the OGC aggregates reuse it. */
export function whereSql(filters: ListFilters): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`r.deleted_at IS NULL`];
  if (filters.scope && filters.scope !== 'all') conditions.push(scopeSql(filters.scope, 'r.beat_id'));
  if (filters.bbox) conditions.push(sql`r.geom && ST_MakeEnvelope(${filters.bbox[0]}, ${filters.bbox[1]}, ${filters.bbox[2]}, ${filters.bbox[3]}, 4326)`);
  for (const [column, value] of Object.entries(filters.equals)) conditions.push(sql`${sql.ref(`r.${column}`)} = ${value}`);
  if (filters.notVerifiedDays !== null) {
    conditions.push(sql`(r.verified_at IS NULL OR r.verified_at < now() - make_interval(days => ${filters.notVerifiedDays}))`);
  }
  if (filters.updatedBefore) conditions.push(sql`r.updated_at <= ${filters.updatedBefore}`);
  if (filters.updatedAfter) conditions.push(sql`r.updated_at >= ${filters.updatedAfter}`);
  return sql.join(conditions, sql` AND `);
}

/** One page of live records in id order, and how many match in all. */
export async function listRecords(db: Kysely<Database>, spec: RegisterSpec, filters: ListFilters): Promise<{ items: RecordRow[]; total: number }> {
  const where = whereSql(filters);
  const count = async () => (await sql<{ n: number }>`SELECT count(*)::integer AS n FROM ${sql.table(spec.table)} r WHERE ${where}`.execute(db)).rows[0]?.n ?? 0;
  if (!filters.bbox) {
    const page = await sql<RecordRow>`SELECT ${selectColumns(spec)} FROM ${sql.table(spec.table)} r WHERE ${where}
        ORDER BY r.id LIMIT ${filters.limit} OFFSET ${filters.offset}`.execute(db);
    return { items: page.rows, total: await count() };
  }
  // With a bbox, select the matches through the GiST index once — for the page and for the total —
  // and order only those: left to itself the planner walks the primary key in id order and filters
  // (a scan of most of 1M cases), and a separate count would find every match a second time.
  const { rows } = await sql<RecordRow & { matched_total: number }>`
    WITH hits AS MATERIALIZED (SELECT r.id FROM ${sql.table(spec.table)} r WHERE ${where})
    SELECT (SELECT count(*) FROM hits)::integer AS matched_total, ${selectColumns(spec)} FROM ${sql.table(spec.table)} r
     WHERE r.id IN (SELECT id FROM hits ORDER BY id LIMIT ${filters.limit} OFFSET ${filters.offset})
     ORDER BY r.id`.execute(db);
  if (rows.length === 0) return { items: [], total: filters.offset === 0 ? 0 : await count() };
  const total = rows[0]!.matched_total;
  return { items: rows.map(({ matched_total: _total, ...row }) => row as RecordRow), total };
}
