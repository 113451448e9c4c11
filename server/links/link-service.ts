import { sql, type Kysely, type Transaction } from 'kysely';
import { inScope, scopeParam, scopeSql, type BeatScope } from '../access/jurisdiction.js';
import type { Queryable } from '../db/queryable.js';
import type { Database } from '../db/schema.js';
import { badRequest, HttpError, notFound } from '../http/errors.js';
import type { RegisterSpec } from '../registers/register-spec.js';
import { REGISTERS, registerById } from '../registers/specs/index.js';
import { LINK_TYPES, linkType } from './link-types.js';

/** One hop from a record: another record, how it is linked, and enough to show and open it. */
export interface Link {
  /** Set for hand-made links (they can be removed); null for links derived from fields or addresses. */
  linkId: number | null;
  type: string;
  direction: 'out' | 'in';
  role: string | null;
  register: string;
  id: number;
  label: string | null;
}

/**
 * At most this many links of each kind and register, newest first for derived kinds: a station
 * square's case has 30,000 others at its address, and a record panel lists what an officer reads;
 * the rest are a filtered list away (`/api/cases?address_id=…`, `?premises_id=…`).
 */
export const PER_KIND_LIMIT = 50;

/** The beat of a live record within `scope` (null: outside any beat); undefined when there is no such record for the caller. */
async function liveBeat(db: Kysely<Database>, spec: RegisterSpec, id: number, scope: BeatScope = 'all'): Promise<number | null | undefined> {
  const { rows } = await sql<{ beat_id: number | null }>`SELECT r.beat_id FROM ${sql.table(spec.table)} r
    WHERE r.id = ${id} AND r.deleted_at IS NULL AND ${scopeSql(scope, 'r.beat_id')}`.execute(db);
  return rows.length > 0 ? rows[0]!.beat_id : undefined;
}

/** Where the caller may change links (the record's register) and which records they may link to; the audit row. */
export interface LinkGuard {
  /** The record the link is made or removed from: outside `read`, 404; inside but outside `write`, 403. */
  read: BeatScope;
  write: BeatScope;
  /** The other end must be a record the caller can read (else it is "no live record"). */
  otherRead(register: string): BeatScope;
  record(trx: Transaction<Database>, action: 'link' | 'unlink', linkId: number): Promise<void>;
}

/** One read of the record's beat, then the write scope checked on it (as record-service's writes do). */
async function checkSource(db: Kysely<Database>, spec: RegisterSpec, id: number, guard: LinkGuard | undefined): Promise<void> {
  const beat = await liveBeat(db, spec, id, guard?.read);
  if (beat === undefined) throw notFound(`no ${spec.id} record with id ${id}`);
  if (guard && !inScope(guard.write, beat)) {
    throw new HttpError(403, 'forbidden', `beat_id: the ${spec.id} record lies outside the beats you may change`, 'beat_id');
  }
}

const label = (spec: RegisterSpec, alias: string) => `${alias}.${spec.label}::text`;

/** The links statement of each register and jurisdiction shape: built once, then run as a named prepared statement. */
const statements = new Map<string, { name: string; text: string }>();

/**
 * Every live record one hop away — hand-made links, this record's references, references to it,
 * records at the same standard address — in ONE statement: a UNION ALL of small indexed lookups.
 * A links page is read with every record opened, so it must cost one round trip, and the statement
 * (about forty branches) is planned once per connection, not per request. Parameters: $1 the record
 * id; then the beats the caller may read in each register of `limited`, in REGISTERS order.
 * The jurisdiction is checked inside it — the record's own (outside it, `self` is empty: "no such
 * record") and each partner's — so the limit per kind counts only records the caller may see, and
 * no second statement checks what the first found. Registers the caller reads everywhere get no
 * condition at all, rather than `$n IS NULL OR …`: PostgreSQL plans such an OR better per value and
 * then never settles on the generic plan, planning forty branches on every request.
 */
export function linksStatement(spec: RegisterSpec, limited: ReadonlySet<string> = new Set()): { name: string; text: string } {
  const shape = REGISTERS.map((register) => (limited.has(register.id) ? '1' : '0')).join('');
  const cached = statements.get(`${spec.id}/${shape}`);
  if (cached) return cached;
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const positions = new Map(REGISTERS.filter((register) => limited.has(register.id)).map((register, i) => [register.id, i + 2]));
  const readable = (register: RegisterSpec, column: string) => {
    const position = positions.get(register.id);
    // `+ 0`: a filter on the rows the branch's own index found, never a scan of the beat index. The
    // list through a sub-select: seen as a value, PostgreSQL re-planned the statement on every run.
    // `coalesce(…, false)`: the same test, but the planner guesses half the rows pass it, not one in
    // twenty (its guess for `= ANY` of an unknown list). With one in twenty, an address holding
    // hundreds of premises looked like a dozen visible ones, and the plan fetched and sorted all of
    // them; with half, it walks (address_id, id) backwards and stops at the 50th. Premises' links
    // went from 1.6 to 0.7 ms, cases' from 0.56 to 0.46 (bench scale, every beat readable).
    return position === undefined ? 'true' : `coalesce(${column} + 0 = ANY((SELECT $${position}::integer[])::integer[]), false)`;
  };
  const branches: string[] = [
    // The record itself: no row means it does not exist (or is deleted), a 404 rather than no links.
    `(SELECT NULL::bigint AS "linkId", '${SELF}'::text AS type, 'out'::text AS direction, NULL::text AS role, NULL::text AS register, id, NULL::text AS label FROM self)`,
  ];
  // Hand-made links in either direction (from the CTE), to live records only — one branch per
  // register a link type joins this one with (a case: people, cases, premises), not all fifteen.
  const partners = new Set(LINK_TYPES.flatMap((type) => [type.from === spec.id ? type.to : null, type.to === spec.id ? type.from : null]));
  for (const other of REGISTERS.filter((register) => partners.has(register.id))) {
    branches.push(`(SELECT l.id, l.link_type, l.direction, l.role, ${quote(other.id)}::text, o.id, ${label(other, 'o')}
      FROM hand_made l JOIN "${other.table}" o ON o.id = l.other_id
      WHERE l.register = ${quote(other.id)} AND o.deleted_at IS NULL AND ${readable(other, 'o.beat_id')} ORDER BY l.id LIMIT ${PER_KIND_LIMIT})`);
  }
  // This record's reference fields (an inspection → its premises).
  for (const [field, def] of Object.entries(spec.fields)) {
    if (def.kind !== 'ref' || def.register === 'beats') continue;
    const target = registerById(def.register)!;
    branches.push(`(SELECT NULL::bigint, ${quote(field)}::text, 'out'::text, NULL::text, ${quote(target.id)}::text, o.id, ${label(target, 'o')}
      FROM "${target.table}" o WHERE o.id = (SELECT "${field}" FROM self) AND o.deleted_at IS NULL AND ${readable(target, 'o.beat_id')})`);
  }
  // Other records whose reference fields point here (a premises ← its inspections).
  for (const other of REGISTERS) {
    for (const [field, def] of Object.entries(other.fields)) {
      if (def.kind !== 'ref' || def.register !== spec.id) continue;
      branches.push(`(SELECT NULL::bigint, ${quote(field)}::text, 'in'::text, NULL::text, ${quote(other.id)}::text, o.id, ${label(other, 'o')}
        FROM "${other.table}" o WHERE o."${field}" = $1 AND o.deleted_at IS NULL AND ${readable(other, 'o.beat_id')} AND EXISTS (SELECT 1 FROM self)
        ORDER BY o.id DESC LIMIT ${PER_KIND_LIMIT})`);
    }
  }
  // Records at the same standard address (people living where a premises is, a house's residents).
  for (const other of REGISTERS) {
    branches.push(`(SELECT NULL::bigint, 'same_address'::text, 'out'::text, NULL::text, ${quote(other.id)}::text, o.id, ${label(other, 'o')}
      FROM "${other.table}" o
      WHERE o.address_id = (SELECT address_id FROM self) AND o.deleted_at IS NULL AND ${readable(other, 'o.beat_id')}${other.id === spec.id ? ' AND o.id <> $1' : ''}
      ORDER BY o.id DESC LIMIT ${PER_KIND_LIMIT})`);
  }
  const text = `
    WITH self AS MATERIALIZED (SELECT * FROM "${spec.table}" WHERE id = $1 AND deleted_at IS NULL AND ${readable(spec, 'beat_id')}),
    hand_made AS (
      SELECT id, link_type, 'out'::text AS direction, role, to_register AS register, to_id AS other_id
        FROM record_links WHERE from_register = ${quote(spec.id)} AND from_id = $1 AND deleted_at IS NULL AND EXISTS (SELECT 1 FROM self)
      UNION ALL
      SELECT id, link_type, 'in'::text, role, from_register, from_id
        FROM record_links WHERE to_register = ${quote(spec.id)} AND to_id = $1 AND deleted_at IS NULL AND EXISTS (SELECT 1 FROM self))
    ${branches.join('\n    UNION ALL ')}`;
  const statement = { name: `links_${spec.id.replace(/-/g, '_')}_${parseInt(shape, 2).toString(36)}`, text };
  statements.set(`${spec.id}/${shape}`, statement);
  return statement;
}

const SELF = '__self__';

/**
 * The links of a record the caller may see (`readScope` of each register; the default is the whole
 * district, for the engine itself); 404 when the record itself is missing, deleted or outside it.
 */
export async function linksOf(pool: Queryable, spec: RegisterSpec, id: number,
  readScope: (register: string) => BeatScope = () => 'all'): Promise<Link[]> {
  const limited = new Set<string>();
  const values: (number | string)[] = [id];
  for (const register of REGISTERS) {
    const scope = readScope(register.id);
    if (scope === 'all') continue;
    limited.add(register.id);
    values.push(scopeParam(scope)!);
  }
  const { rows } = await pool.query<Link>({ ...linksStatement(spec, limited), values });
  if (!rows.some((row) => row.type === SELF)) throw notFound(`no ${spec.id} record with id ${id}`);
  return rows.filter((row) => row.type !== SELF);
}


export interface NewLink { type: string; to_register: string; to_id: number; role?: string; note?: string }

export async function createLink(db: Kysely<Database>, spec: RegisterSpec, id: number, link: NewLink, actor: string, guard?: LinkGuard): Promise<number> {
  // First whether the caller may touch this record at all: a record they cannot see answers 404
  // whatever the body says, so the answer never tells an invisible record from a missing one.
  await checkSource(db, spec, id, guard);
  const type = linkType(link.type);
  if (!type) throw badRequest('type', `unknown link type "${link.type}"`);
  // A link type is directed; it may be created from either end.
  const forward = type.from === spec.id && type.to === link.to_register;
  const backward = type.to === spec.id && type.from === link.to_register;
  if (!forward && !backward) throw badRequest('to_register', `a ${type.id} link joins ${type.from} to ${type.to}`);
  if (type.roles && !type.roles.includes(link.role ?? '')) {
    throw badRequest('role', `must be one of ${type.roles.join(', ')} for a ${type.id} link`);
  }
  if (!type.roles && link.role) throw badRequest('role', `a ${type.id} link has no role`);
  const other = registerById(link.to_register)!;
  if ((await liveBeat(db, other, link.to_id, guard?.otherRead(other.id))) === undefined) throw badRequest('to_id', `no live ${other.id} record with id ${link.to_id}`);
  if (other.id === spec.id && link.to_id === id) throw badRequest('to_id', 'a record cannot be linked to itself');
  const [from, fromId, to, toId] = forward ? [spec.id, id, other.id, link.to_id] : [other.id, link.to_id, spec.id, id];
  try {
    return await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number }>`
        INSERT INTO record_links (link_type, from_register, from_id, to_register, to_id, role, note, created_by)
        VALUES (${type.id}, ${from}, ${fromId}, ${to}, ${toId}, ${link.role ?? null}, ${link.note ?? null}, ${actor})
        RETURNING id`.execute(trx);
      await guard?.record(trx, 'link', rows[0]!.id);
      return rows[0]!.id;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new HttpError(409, 'conflict', 'to_id: this link already exists', 'to_id');
    throw error;
  }
}

export async function removeLink(db: Kysely<Database>, spec: RegisterSpec, id: number, linkId: number, actor: string, reason: string,
  guard?: LinkGuard): Promise<void> {
  await checkSource(db, spec, id, guard);
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql`
      UPDATE record_links SET deleted_at = now(), deleted_by = ${actor}, deleted_reason = ${reason}
       WHERE id = ${linkId} AND deleted_at IS NULL
         AND ((from_register = ${spec.id} AND from_id = ${id}) OR (to_register = ${spec.id} AND to_id = ${id}))
      RETURNING id`.execute(trx);
    if (rows.length === 0) throw notFound(`no link ${linkId} on ${spec.id} record ${id}`);
    await guard?.record(trx, 'unlink', linkId);
  });
}
