import { sql, type Kysely } from 'kysely';
import { PREPARED_SQL } from '../db/prepared-statements.js';
import type { Database } from '../db/schema.js';
import { chainStart, rowHash, verifyPage, type BrokenLink, type ChainedFields } from './audit-chain.js';
import type { AuditLogTable, AuditOutcome, AuditTables } from './audit-tables.js';

type AuditDb = Kysely<Database & AuditTables>;
const withAudit = (db: Kysely<Database>): AuditDb => db.withTables<AuditTables>();

/** Who acted, from where, in which request. `user` is null before login (failed logins). */
export interface AuditActor {
  user: { id: number; username: string; role: string } | null;
  sourceAddress: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  objectType?: string | null;
  objectIds?: readonly (string | number)[];
  purpose?: string | null;
  reason?: string | null;
  /** Free text for what the fields above cannot say (e.g. the username a failed login named). */
  detail?: string | null;
  /** Defaults to the current time; tests pass their injected clock's time. */
  at?: Date;
}

/** Longest text kept in a free-text audit field; longer values are cut, never refused (the log must not fail on them). */
const MAX_TEXT = 500;
const clip = (value: string | null | undefined): string | null => (value == null ? null : value.slice(0, MAX_TEXT));

/**
 * Append one entry to the audit log inside the caller's transaction: if the append fails, the
 * caller's transaction (and so its request) fails with it, and nothing it wrote is kept. Locks the
 * chain head row, so concurrent appends form one chain; the lock is held until the caller commits,
 * so keep audited transactions short.
 */
export async function appendAudit(trx: Kysely<Database>, actor: AuditActor, entry: AuditEntry): Promise<number> {
  const [seq] = await appendAuditBatch(trx, [{ actor, entry }]);
  return seq!;
}

/**
 * Append several entries, in order, as one stretch of the chain: one head lock, then the rows and
 * the new head in one statement — what lets the batcher (audit-batcher.ts) commit many requests'
 * rows with one transaction. Returns their sequence numbers.
 */
export async function appendAuditBatch(trx: Kysely<Database>, items: readonly { actor: AuditActor; entry: AuditEntry }[]): Promise<number[]> {
  if (!trx.isTransaction) throw new Error('appendAudit needs the caller\'s transaction');
  if (items.length === 0) return [];
  const head = (await sql<{ seq: number; hash: string }>`${PREPARED_SQL}SELECT seq, hash FROM audit_chain_head FOR UPDATE`.execute(trx)).rows[0];
  if (!head) throw new Error('audit_chain_head has no row: the audit migration did not run');
  let seq = Number(head.seq);
  let prev = head.hash;
  const rows = items.map(({ actor, entry }) => {
    const fields: ChainedFields = {
      seq: ++seq,
      at: (entry.at ?? new Date()).toISOString(),
      user_id: actor.user?.id ?? null,
      username: actor.user?.username ?? null,
      role: actor.user?.role ?? null,
      source_address: clip(actor.sourceAddress),
      request_id: clip(actor.requestId),
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_ids: (entry.objectIds ?? []).map(String),
      purpose: clip(entry.purpose),
      reason: clip(entry.reason),
      outcome: entry.outcome,
      detail: clip(entry.detail),
    };
    const hash = rowHash(prev, fields);
    const row = { ...fields, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  // The rows travel as one JSON parameter, so the statement's text is the same for any batch size and
  // runs prepared: a multi-row VALUES list was a new statement (built, parsed, planned) per batch size.
  await sql`${PREPARED_SQL}WITH appended AS (
      INSERT INTO audit_log (${sql.raw(AUDIT_COLUMNS.join(', '))})
      SELECT ${sql.raw(AUDIT_COLUMNS.join(', '))} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(${sql.raw(AUDIT_RECORD)})
      RETURNING seq)
    UPDATE audit_chain_head SET seq = ${seq}, hash = ${prev} WHERE one`.execute(trx);
  return rows.map((row) => row.seq);
}

/** audit_log's columns as appended (all but the identity id), with their types for jsonb_to_recordset. */
const AUDIT_COLUMN_TYPES = {
  seq: 'bigint', at: 'timestamptz', user_id: 'bigint', username: 'text', role: 'text', source_address: 'text', request_id: 'text',
  action: 'text', object_type: 'text', object_ids: 'text[]', purpose: 'text', reason: 'text', outcome: 'text', detail: 'text',
  prev_hash: 'text', hash: 'text',
} satisfies Record<keyof Omit<AuditLogTable, 'id'>, string>;
const AUDIT_COLUMNS = Object.keys(AUDIT_COLUMN_TYPES);
const AUDIT_RECORD = Object.entries(AUDIT_COLUMN_TYPES).map(([name, type]) => `${name} ${type}`).join(', ');

/** Append in a transaction of its own (for events that write nothing else, e.g. a denied request). */
export function appendAuditNow(db: Kysely<Database>, actor: AuditActor, entry: AuditEntry): Promise<number> {
  return db.transaction().execute((trx) => appendAudit(trx, actor, entry));
}

export interface ChainReport {
  ok: boolean;
  /** Rows checked before the first broken link (all rows when ok). */
  checked: number;
  headSeq: number;
  firstBroken: BrokenLink | null;
}

const PAGE = 2000;

/**
 * Walk the whole log in chain order and report the first broken link: a row whose fields no longer
 * match its hash, whose prev_hash is not its predecessor's hash, a missing position, or a head that
 * is not the last row (rows cut off the end).
 */
export async function verifyAuditChain(database: Kysely<Database>): Promise<ChainReport> {
  const db = withAudit(database);
  // The head read first bounds the walk: rows appended while it runs are not judged against an older head.
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  let cursor = chainStart;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', cursor.seq).where('seq', '<=', Number(head.seq))
      .orderBy('seq').limit(PAGE).execute();
    const result = verifyPage(cursor, rows);
    if (result.broken) return { ok: false, checked: cursor.seq + countBefore(rows, result.broken.seq), headSeq: Number(head.seq), firstBroken: result.broken };
    cursor = result.cursor;
    if (rows.length < PAGE) break;
  }
  if (cursor.seq !== Number(head.seq) || cursor.hash !== head.hash) {
    const seq = Math.min(cursor.seq + 1, Number(head.seq));
    return { ok: false, checked: cursor.seq, headSeq: Number(head.seq), firstBroken: { seq, reason: 'head_mismatch' } };
  }
  return { ok: true, checked: cursor.seq, headSeq: Number(head.seq), firstBroken: null };
}

const countBefore = (rows: readonly { seq: number }[], seq: number) => rows.filter((r) => r.seq < seq).length;

export interface AuditQuery {
  userId?: number;
  username?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** Rows before this chain position (paging backwards from the newest). */
  beforeSeq?: number;
}

export type AuditRow = Omit<AuditLogTable, 'id'> & { id: number };

/** Entries matching every given filter, newest first. */
export async function queryAuditLog(database: Kysely<Database>, query: AuditQuery): Promise<AuditRow[]> {
  let q = withAudit(database).selectFrom('audit_log').selectAll();
  if (query.userId !== undefined) q = q.where('user_id', '=', query.userId);
  if (query.username !== undefined) q = q.where('username', '=', query.username);
  if (query.action !== undefined) q = q.where('action', '=', query.action);
  if (query.objectType !== undefined) q = q.where('object_type', '=', query.objectType);
  // sql, not the builder: Kysely turns an array operand into a value list, not an array.
  if (query.objectId !== undefined) q = q.where(sql<boolean>`object_ids @> ARRAY[${query.objectId}]::text[]`);
  if (query.from !== undefined) q = q.where('at', '>=', query.from.toISOString());
  if (query.to !== undefined) q = q.where('at', '<', query.to.toISOString());
  if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
  return q.orderBy('seq', 'desc').limit(query.limit).execute();
}
