import { sql, type Kysely, type Transaction } from 'kysely';
import { inScope, scopeSql, type BeatScope } from '../access/jurisdiction.js';
import { PREPARED_SQL } from '../db/prepared-statements.js';
import type { Database } from '../db/schema.js';
import { badRequest, HttpError, notFound } from '../http/errors.js';
import { mapConstraintError } from './record-errors.js';
import { columnOf, fieldNames, refTable, selectColumns, valueSql } from './record-sql.js';
import type { ChangeSource, RegisterSpec } from './register-spec.js';
import { checkCreditCode, checkIdNumber, checkPhone } from './validation/identifiers.js';
import { checkGeometry } from './validation/geometry-input.js';

export type RecordRow = Record<string, unknown> & { id: number; version: number };

export interface WriteContext {
  actor: string;
  source: ChangeSource;
  reason: string | null;
  /** The caller's jurisdiction and audit; absent only for trusted in-process callers (seed, imports). */
  guard?: WriteGuard;
}

export type WriteAction = 'create' | 'update' | 'delete' | 'verify';

export interface WriteGuard {
  /** Records outside `read` do not exist for the caller (404); inside it but outside `write` are 403. */
  read: BeatScope;
  write: BeatScope;
  /** Runs inside the write's transaction once it is done (the audit row): if it fails, nothing is kept. */
  record(trx: Transaction<Database>, action: WriteAction, record: RecordRow): Promise<void>;
}

/** The record's write version as an HTTP entity tag. */
export const etagOf = (version: number) => `"${version}"`;

/** If-Match → version; `"3"`, `W/"3"` and `3` are accepted. */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return match ? Number(match[1]) : Number.NaN;
}

/** Thrown when a write names a stale version; carries the current ETag for the 412 response. */
export class StaleVersionError extends HttpError {
  constructor(readonly current: number) {
    super(412, 'precondition_failed', `the record has changed (now version ${current}); reload it and apply your change again`);
    this.headers.etag = etagOf(current);
  }
}

type Db = Kysely<Database> | Transaction<Database>;

/** A live record within `scope` (the caller's jurisdiction; 'all' for the engine itself), or null. */
export async function getRecord(db: Db, spec: RegisterSpec, id: number, lock = false, scope: BeatScope = 'all'): Promise<RecordRow | null> {
  const { rows } = await sql<RecordRow>`${PREPARED_SQL}SELECT ${selectColumns(spec)} FROM ${sql.table(spec.table)} r
    WHERE r.id = ${id} AND r.deleted_at IS NULL AND ${scopeSql(scope, 'r.beat_id')} ${lock ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0] ?? null;
}

/** Whether a record, live or deleted, exists within `scope` (history and asOf outlive deletion). */
export async function existsInScope(db: Db, spec: RegisterSpec, id: number, scope: BeatScope): Promise<boolean> {
  const { rows } = await sql`${PREPARED_SQL}SELECT 1 FROM ${sql.table(spec.table)} r WHERE r.id = ${id} AND ${scopeSql(scope, 'r.beat_id')}`.execute(db);
  return rows.length > 0;
}

/**
 * The record a write may change: 404 when it does not exist for the caller (deleted, missing, or
 * outside what they may read), 403 when they may read it but not change it. Locks the row.
 */
async function writableRecord(trx: Transaction<Database>, spec: RegisterSpec, id: number, guard: WriteGuard | undefined): Promise<RecordRow> {
  const current = await getRecord(trx, spec, id, true, guard?.read ?? 'all');
  if (!current) throw notFound(`no ${spec.id} record with id ${id}`);
  checkWritable(spec, current, guard);
  return current;
}

function checkWritable(spec: RegisterSpec, record: RecordRow, guard: WriteGuard | undefined, moved = false): void {
  if (!guard || inScope(guard.write, record.beat_id as number | null)) return;
  throw new HttpError(403, 'forbidden', moved
    ? `geometry: would place the ${spec.id} record in beat ${String(record.beat_id ?? 'none')}, outside the beats you may change`
    : `beat_id: the ${spec.id} record lies in beat ${String(record.beat_id ?? 'none')}, outside the beats you may change`, moved ? 'geometry' : 'beat_id');
}

/** The record as it stood at `at`, from its history; null if it did not exist or was deleted then. */
export async function getRecordAsOf(db: Db, spec: RegisterSpec, id: number, at: Date): Promise<RecordRow | null> {
  const { rows } = await sql<{ action: string; snapshot: RecordRow }>`
    SELECT action, snapshot FROM record_versions
     WHERE register = ${spec.id} AND record_id = ${id} AND at <= ${at.toISOString()}
     ORDER BY version DESC LIMIT 1`.execute(db);
  const row = rows[0];
  if (row) return row.action !== 'delete' ? row.snapshot : null;
  // A bulk-imported record has no versions until its first change; until then it is as imported.
  const current = await getRecord(db, spec, id);
  if (!current || await hasVersions(db, spec, id)) return null;
  return new Date(String(current.created_at)) <= at ? current : null;
}

async function hasVersions(db: Db, spec: RegisterSpec, id: number): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM record_versions WHERE register = ${spec.id} AND record_id = ${id} LIMIT 1`.execute(db);
  return rows.length > 0;
}

/**
 * Bulk imports (the seed, a migration from paper ledgers) write records without history rows. The
 * first change to such a record first records it as imported, so its timeline and asOf stay whole.
 */
async function ensureImportVersion(trx: Transaction<Database>, spec: RegisterSpec, current: RecordRow): Promise<void> {
  if (await hasVersions(trx, spec, current.id)) return;
  await sql`INSERT INTO record_versions (register, record_id, version, action, actor, source, reason, at, changes, snapshot)
    VALUES (${spec.id}, ${current.id}, ${current.version}, 'create', ${String(current.collected_by ?? 'import')}, 'import',
            'imported record', ${String(current.created_at)}, '{}'::jsonb, ${JSON.stringify(current)}::jsonb)`.execute(trx);
}

export async function createRecord(db: Kysely<Database>, spec: RegisterSpec, body: Record<string, unknown>, ctx: WriteContext): Promise<RecordRow> {
  const values = pickWritable(spec, body);
  await checkValues(spec, values);
  return db.transaction().execute(async (trx) => {
    await checkReferences(trx, spec, values);
    await checkPlacement(trx, spec, values, null);
    const columns = Object.keys(values);
    let inserted: RecordRow;
    try {
      const { rows } = await sql<RecordRow>`
        WITH ins AS (
          INSERT INTO ${sql.table(spec.table)} (${sql.join(columns.map((c) => sql.ref(columnOf(c))))}, collected_by)
          VALUES (${sql.join(columns.map((c) => valueSql(spec, c, values[c])))}, ${String(body.collected_by ?? ctx.actor)})
          RETURNING *)
        SELECT ${selectColumns(spec)} FROM ins r`.execute(trx);
      inserted = rows[0]!;
    } catch (error) {
      mapConstraintError(error, spec.table);
    }
    const changes = Object.fromEntries(recordKeys(spec).filter((k) => inserted[k] !== null && inserted[k] !== undefined)
      .map((k) => [k, { from: null, to: inserted[k] }]));
    checkWritable(spec, inserted, ctx.guard, true);
    await writeVersion(trx, spec, inserted, 'create', changes, ctx);
    await ctx.guard?.record(trx, 'create', inserted);
    return inserted;
  });
}

export async function patchRecord(db: Kysely<Database>, spec: RegisterSpec, id: number, ifMatch: number,
  body: Record<string, unknown>, ctx: WriteContext): Promise<RecordRow> {
  const values = pickWritable(spec, body);
  await checkValues(spec, values);
  return db.transaction().execute(async (trx) => {
    // The row lock serialises concurrent writers: the second sees the first's version and gets 412.
    const current = await writableRecord(trx, spec, id, ctx.guard);
    if (current.version !== ifMatch) throw new StaleVersionError(current.version);
    await ensureImportVersion(trx, spec, current);
    const merged = { ...current, ...values };
    const violation = spec.rule?.(merged);
    if (violation) throw badRequest(violation[0], violation[1]);
    await checkReferences(trx, spec, values, current);
    await checkPlacement(trx, spec, values, current);
    const columns = Object.keys(values);
    if (columns.length === 0) return current;
    let updated: RecordRow;
    try {
      const { rows } = await sql<RecordRow>`
        WITH upd AS (
          UPDATE ${sql.table(spec.table)} SET
            ${sql.join(columns.map((c) => sql`${sql.ref(columnOf(c))} = ${valueSql(spec, c, values[c])}`))},
            version = version + 1, updated_at = now()
          WHERE id = ${id} RETURNING *)
        SELECT ${selectColumns(spec)} FROM upd r`.execute(trx);
      updated = rows[0]!;
    } catch (error) {
      mapConstraintError(error, spec.table);
    }
    checkWritable(spec, updated, ctx.guard, true);
    const changes = diff(spec, current, updated);
    await writeVersion(trx, spec, updated, 'update', changes, ctx);
    await ctx.guard?.record(trx, 'update', updated);
    return updated;
  });
}

export async function deleteRecord(db: Kysely<Database>, spec: RegisterSpec, id: number, ifMatch: number, ctx: WriteContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await writableRecord(trx, spec, id, ctx.guard);
    if (current.version !== ifMatch) throw new StaleVersionError(current.version);
    await ensureImportVersion(trx, spec, current);
    await sql`UPDATE ${sql.table(spec.table)} SET deleted_at = now(), deleted_reason = ${ctx.reason},
      version = version + 1, updated_at = now() WHERE id = ${id}`.execute(trx);
    const snapshot = { ...current, version: current.version + 1 };
    await writeVersion(trx, spec, snapshot, 'delete', {}, ctx);
    await ctx.guard?.record(trx, 'delete', snapshot);
  });
}

export async function verifyRecord(db: Kysely<Database>, spec: RegisterSpec, id: number, how: string, ctx: WriteContext): Promise<RecordRow> {
  return db.transaction().execute(async (trx) => {
    const current = await writableRecord(trx, spec, id, ctx.guard);
    await ensureImportVersion(trx, spec, current);
    const { rows } = await sql<RecordRow>`
      WITH upd AS (
        UPDATE ${sql.table(spec.table)} SET verified_by = ${ctx.actor}, verified_at = now(), verified_how = ${how},
          version = version + 1, updated_at = now()
        WHERE id = ${id} RETURNING *)
      SELECT ${selectColumns(spec)} FROM upd r`.execute(trx);
    const updated = rows[0]!;
    await writeVersion(trx, spec, updated, 'verify', diff(spec, current, updated), ctx);
    await ctx.guard?.record(trx, 'verify', updated);
    return updated;
  });
}

export async function historyOf(db: Db, spec: RegisterSpec, id: number, scope: BeatScope = 'all'): Promise<Record<string, unknown>[]> {
  // The jurisdiction check inside the statement: one round trip for every history read. A record
  // outside the caller's beats has no history for them; a deleted one keeps its history.
  const { rows } = await sql<Record<string, unknown>>`${PREPARED_SQL}
    SELECT version, action, actor, source, reason, at, changes FROM record_versions
     WHERE register = ${spec.id} AND record_id = ${id}
       AND EXISTS (SELECT 1 FROM ${sql.table(spec.table)} r WHERE r.id = ${id} AND ${scopeSql(scope, 'r.beat_id')})
     ORDER BY version`.execute(db);
  if (rows.length > 0) return rows;
  const current = await getRecord(db, spec, id, false, scope);
  return current ? [{ version: current.version, action: 'create', actor: current.collected_by ?? 'import', source: 'import',
    reason: 'imported record', at: current.created_at, changes: {} }] : [];
}

/** Only the spec's fields, geometry and address; id, version, jurisdiction and provenance are never client-set. */
function pickWritable(spec: RegisterSpec, body: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of [...fieldNames(spec), 'geometry', 'address_id']) if (key in body) values[key] = body[key];
  return values;
}

/** Checks the schema can't express: check digits, geometry validity, cross-field rules. */
async function checkValues(spec: RegisterSpec, values: Record<string, unknown>): Promise<void> {
  for (const [name, field] of Object.entries(spec.fields)) {
    const value = values[name];
    if (field.kind !== 'text' || !field.check || typeof value !== 'string') continue;
    const reason = field.check === 'idNumber' ? checkIdNumber(value) : field.check === 'creditCode' ? checkCreditCode(value) : checkPhone(value);
    if (reason) throw badRequest(name, reason);
  }
  if (values.geometry !== undefined && values.geometry !== null) {
    const checked = checkGeometry(values.geometry, spec.geometry);
    if (!checked.ok) throw badRequest('geometry', checked.reason);
    values.geometry = checked.geometry;
  }
  const violation = spec.rule?.(values);
  if (violation) throw badRequest(violation[0], violation[1]);
}

/** Every referenced record must exist and be live (a deleted record can't gain new references). */
async function checkReferences(trx: Transaction<Database>, spec: RegisterSpec, values: Record<string, unknown>,
  current: RecordRow | null = null): Promise<void> {
  for (const [name, field] of Object.entries(spec.fields)) {
    const value = values[name];
    if (field.kind !== 'ref' || value === null || value === undefined) continue;
    const target = refTable(field.register);
    const { rows } = await sql`SELECT 1 FROM ${sql.table(target.table)} WHERE id = ${value}
      ${target.softDeleted ? sql`AND deleted_at IS NULL` : sql``}`.execute(trx);
    if (rows.length === 0) throw badRequest(name, `no live ${field.register} record with id ${String(value)}`);
  }
  for (const [name, field] of Object.entries(spec.fields)) {
    if (field.kind !== 'code' || (!(name in values) && !(field.systemField in values))) continue;
    const system = values[field.systemField] ?? current?.[field.systemField];
    const code = values[name] ?? current?.[name];
    const { rows } = await sql`SELECT 1 FROM case_codes WHERE system = ${system} AND code = ${code}`.execute(trx);
    if (rows.length === 0) throw badRequest(name, `"${String(code)}" is not a code of ${String(system)}`);
  }
  if (values.address_id !== undefined && values.address_id !== null) {
    const { rows } = await sql`SELECT 1 FROM standard_addresses WHERE id = ${values.address_id}`.execute(trx);
    if (rows.length === 0) throw badRequest('address_id', `no standard address with id ${String(values.address_id)}`);
  }
}

/** A record needs a place (geometry, or an address for registers placed by address) inside the district. */
async function checkPlacement(trx: Transaction<Database>, spec: RegisterSpec, values: Record<string, unknown>, current: RecordRow | null): Promise<void> {
  const geometry = 'geometry' in values ? values.geometry : current?.geometry ?? null;
  const address = 'address_id' in values ? values.address_id : current?.address_id ?? null;
  if (geometry === null || geometry === undefined) {
    if (!spec.placedByAddress) throw badRequest('geometry', `is required: a ${spec.geometry}`);
    if (address === null || address === undefined) throw badRequest('geometry', 'is required, or give address_id to place the record at a standard address');
    return;
  }
  if (!('geometry' in values)) return;
  const { rows } = await sql<{ inside: boolean }>`
    SELECT coalesce(bool_or(ST_Intersects(d.geom, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))), false) AS inside
      FROM districts d`.execute(trx);
  if (!rows[0]?.inside) throw new HttpError(422, 'outside_district', 'geometry: lies outside the district', 'geometry');
}

async function writeVersion(trx: Transaction<Database>, spec: RegisterSpec, record: RecordRow, action: string,
  changes: Record<string, { from: unknown; to: unknown }>, ctx: WriteContext): Promise<void> {
  await sql`INSERT INTO record_versions (register, record_id, version, action, actor, source, reason, changes, snapshot)
    VALUES (${spec.id}, ${record.id}, ${record.version}, ${action}, ${ctx.actor}, ${ctx.source}, ${ctx.reason},
            ${JSON.stringify(changes)}::jsonb, ${JSON.stringify(record)}::jsonb)`.execute(trx);
}

const recordKeys = (spec: RegisterSpec) => [...fieldNames(spec), 'geometry', 'address_id', 'community_id', 'beat_id',
  'verified_by', 'verified_at', 'verified_how'];

function diff(spec: RegisterSpec, before: RecordRow, after: RecordRow): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of recordKeys(spec)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}
