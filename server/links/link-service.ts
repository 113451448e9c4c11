import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { badRequest, HttpError, notFound } from '../http/errors.js';
import type { RegisterSpec } from '../registers/register-spec.js';
import { REGISTERS, registerById } from '../registers/specs/index.js';
import { linkType } from './link-types.js';

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

const PER_KIND_LIMIT = 200;

async function isLive(db: Kysely<Database>, spec: RegisterSpec, id: number): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM ${sql.table(spec.table)} WHERE id = ${id} AND deleted_at IS NULL`.execute(db);
  return rows.length > 0;
}

const labelSql = (spec: RegisterSpec, alias: string) => sql.raw(`${alias}.${spec.label}::text`);

/**
 * Every live record one hop away — hand-made links, this record's references, references to it,
 * records at the same standard address — in ONE statement: a UNION ALL of small indexed lookups
 * (a links page is read with every record opened, so it must not cost a round trip per register).
 */
export async function linksOf(db: Kysely<Database>, spec: RegisterSpec, id: number): Promise<Link[]> {
  const { rows: self } = await sql<{ address_id: number | null } & Record<string, unknown>>`
    SELECT * FROM ${sql.table(spec.table)} WHERE id = ${id} AND deleted_at IS NULL`.execute(db);
  const record = self[0];
  if (!record) throw notFound(`no ${spec.id} record with id ${id}`);
  const branches: RawBuilder<unknown>[] = [];

  // Hand-made links in either direction (from the CTE below), to live records only.
  for (const other of REGISTERS) {
    branches.push(sql`(SELECT l.id AS "linkId", l.link_type AS type, l.direction, l.role, ${other.id}::text AS register,
        o.id, ${labelSql(other, 'o')} AS label
      FROM hand_made l JOIN ${sql.table(other.table)} o ON o.id = l.other_id
      WHERE l.register = ${other.id} AND o.deleted_at IS NULL ORDER BY l.id LIMIT ${PER_KIND_LIMIT})`);
  }
  // This record's reference fields (an inspection → its premises).
  for (const [field, def] of Object.entries(spec.fields)) {
    if (def.kind !== 'ref' || record[field] === null || def.register === 'beats') continue;
    const target = registerById(def.register)!;
    branches.push(sql`(SELECT NULL::bigint, ${field}::text, 'out'::text, NULL::text, ${target.id}::text, o.id, ${labelSql(target, 'o')}
      FROM ${sql.table(target.table)} o WHERE o.id = ${record[field]} AND o.deleted_at IS NULL)`);
  }
  // Other records whose reference fields point here (a premises ← its inspections).
  for (const other of REGISTERS) {
    for (const [field, def] of Object.entries(other.fields)) {
      if (def.kind !== 'ref' || def.register !== spec.id) continue;
      branches.push(sql`(SELECT NULL::bigint, ${field}::text, 'in'::text, NULL::text, ${other.id}::text, o.id, ${labelSql(other, 'o')}
        FROM ${sql.table(other.table)} o WHERE ${sql.ref(`o.${field}`)} = ${id} AND o.deleted_at IS NULL
        ORDER BY o.id LIMIT ${PER_KIND_LIMIT})`);
    }
  }
  // Records at the same standard address (people living where a premises is, a house's residents).
  if (record.address_id !== null) {
    for (const other of REGISTERS) {
      branches.push(sql`(SELECT NULL::bigint, 'same_address'::text, 'out'::text, NULL::text, ${other.id}::text, o.id, ${labelSql(other, 'o')}
        FROM ${sql.table(other.table)} o
        WHERE o.address_id = ${record.address_id} AND o.deleted_at IS NULL AND NOT (${other.id} = ${spec.id} AND o.id = ${id})
        ORDER BY o.id LIMIT ${PER_KIND_LIMIT})`);
    }
  }
  const { rows } = await sql<Link>`
    WITH hand_made AS (
      SELECT id, link_type, 'out'::text AS direction, role, to_register AS register, to_id AS other_id
        FROM record_links WHERE from_register = ${spec.id} AND from_id = ${id} AND deleted_at IS NULL
      UNION ALL
      SELECT id, link_type, 'in'::text, role, from_register, from_id
        FROM record_links WHERE to_register = ${spec.id} AND to_id = ${id} AND deleted_at IS NULL)
    ${sql.join(branches, sql` UNION ALL `)}`.execute(db);
  return rows;
}

export interface NewLink { type: string; to_register: string; to_id: number; role?: string; note?: string }

export async function createLink(db: Kysely<Database>, spec: RegisterSpec, id: number, link: NewLink, actor: string): Promise<number> {
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
  if (!(await isLive(db, spec, id))) throw notFound(`no ${spec.id} record with id ${id}`);
  if (!(await isLive(db, other, link.to_id))) throw badRequest('to_id', `no live ${other.id} record with id ${link.to_id}`);
  if (other.id === spec.id && link.to_id === id) throw badRequest('to_id', 'a record cannot be linked to itself');
  const [from, fromId, to, toId] = forward ? [spec.id, id, other.id, link.to_id] : [other.id, link.to_id, spec.id, id];
  try {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO record_links (link_type, from_register, from_id, to_register, to_id, role, note, created_by)
      VALUES (${type.id}, ${from}, ${fromId}, ${to}, ${toId}, ${link.role ?? null}, ${link.note ?? null}, ${actor})
      RETURNING id`.execute(db);
    return rows[0]!.id;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new HttpError(409, 'conflict', 'to_id: this link already exists', 'to_id');
    throw error;
  }
}

export async function removeLink(db: Kysely<Database>, spec: RegisterSpec, id: number, linkId: number, actor: string, reason: string): Promise<void> {
  const { rows } = await sql`
    UPDATE record_links SET deleted_at = now(), deleted_by = ${actor}, deleted_reason = ${reason}
     WHERE id = ${linkId} AND deleted_at IS NULL
       AND ((from_register = ${spec.id} AND from_id = ${id}) OR (to_register = ${spec.id} AND to_id = ${id}))
    RETURNING id`.execute(db);
  if (rows.length === 0) throw notFound(`no link ${linkId} on ${spec.id} record ${id}`);
}
