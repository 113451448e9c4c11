import { describe, expect, it } from 'vitest';
import { chainStart, GENESIS_HASH, rowHash, verifyPage, type ChainedFields, type ChainedRow } from './audit-chain.js';

function chain(n: number): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      seq, at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), user_id: seq, username: `u${seq}`, role: 'commander',
      source_address: '10.0.0.1', request_id: `r${seq}`, action: 'auth.login', object_type: 'user', object_ids: [String(seq)],
      purpose: null, reason: null, outcome: 'success', detail: null,
    };
    const hash = rowHash(prev, fields);
    rows.push({ ...fields, prev_hash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain, page by page', () => {
    const rows = chain(10);
    const first = verifyPage(chainStart, rows.slice(0, 4));
    const second = verifyPage(first.cursor, rows.slice(4));
    expect(first.broken).toBeNull();
    expect(second).toEqual({ cursor: { seq: 10, hash: rows[9]!.hash }, broken: null });
  });

  it('finds an edited field at the edited row', () => {
    const rows = chain(10);
    rows[6] = { ...rows[6]!, object_ids: ['999'] };
    expect(verifyPage(chainStart, rows).broken).toEqual({ seq: 7, reason: 'hash_mismatch' });
  });

  it('finds a row whose hash was recomputed after an edit at the next row', () => {
    const rows = chain(10);
    const edited = { ...rows[3]!, outcome: 'failure' as const };
    rows[3] = { ...edited, hash: rowHash(edited.prev_hash, edited) };
    expect(verifyPage(chainStart, rows).broken).toEqual({ seq: 5, reason: 'prev_hash_mismatch' });
  });

  it('finds a removed row at its position', () => {
    const rows = chain(10);
    rows.splice(2, 1);
    expect(verifyPage(chainStart, rows).broken).toEqual({ seq: 3, reason: 'sequence_gap' });
  });

  it('does not confuse fields that concatenate alike', () => {
    const base = chain(1)[0]!;
    expect(rowHash(GENESIS_HASH, { ...base, username: 'ab', role: 'c' }))
      .not.toBe(rowHash(GENESIS_HASH, { ...base, username: 'a', role: 'bc' }));
  });
});
