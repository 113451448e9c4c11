import { createHash } from 'node:crypto';
import type { AuditLogTable } from './audit-tables.js';

/** The hash before the first row: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers: everything but its id and the hashes themselves (the table's own columns). */
export type ChainedFields = Omit<AuditLogTable, 'id' | 'prev_hash' | 'hash'>;

export interface ChainedRow extends ChainedFields {
  prev_hash: string;
  hash: string;
}

/**
 * SHA-256 (hex) over the previous row's hash and this row's fields in a fixed order. A JSON array,
 * not a concatenation, so no two different rows serialise alike ("ab","c" vs "a","bc").
 */
export function rowHash(prevHash: string, row: ChainedFields): string {
  const canonical = JSON.stringify([
    row.seq, new Date(row.at).toISOString(), row.user_id, row.username, row.role, row.source_address, row.request_id,
    row.action, row.object_type, row.object_ids, row.purpose, row.reason, row.outcome, row.detail,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export type BrokenReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch';

export interface BrokenLink {
  /** Chain position of the first row that does not verify (for head_mismatch, the head's position). */
  seq: number;
  reason: BrokenReason;
}

/** Running state of a verification that reads the log in pages. */
export interface ChainCursor {
  seq: number;
  hash: string;
}

export const chainStart: ChainCursor = { seq: 0, hash: GENESIS_HASH };

/**
 * Check the next page of rows (in seq order) against the cursor: the first row whose position,
 * link or own hash is wrong is reported; otherwise the cursor moves to the page's last row.
 */
export function verifyPage(cursor: ChainCursor, rows: readonly ChainedRow[]): { cursor: ChainCursor; broken: BrokenLink | null } {
  let { seq, hash } = cursor;
  for (const row of rows) {
    if (row.seq !== seq + 1) return { cursor: { seq, hash }, broken: { seq: seq + 1, reason: 'sequence_gap' } };
    if (row.prev_hash !== hash) return { cursor: { seq, hash }, broken: { seq: row.seq, reason: 'prev_hash_mismatch' } };
    if (rowHash(row.prev_hash, row) !== row.hash) return { cursor: { seq, hash }, broken: { seq: row.seq, reason: 'hash_mismatch' } };
    seq = row.seq;
    hash = row.hash;
  }
  return { cursor: { seq, hash }, broken: null };
}
