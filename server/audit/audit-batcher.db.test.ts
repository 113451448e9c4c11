import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import type { DatabaseHandle } from '../db/connect.js';
import { AuditBatcher } from './audit-batcher.js';
import { verifyAuditChain } from './audit-log.js';
import { withFailingAudit } from '../../tests/helpers/failing-audit.js';

let database: DatabaseHandle;
beforeAll(async () => { database = await openTestDatabase(); });
afterAll(async () => { await database.close(); });

const actor = { user: null, sourceAddress: '127.0.0.1', requestId: 'batcher-test' };

describe('AuditBatcher', () => {
  it('commits concurrent appends in few transactions, each row in the one chain, in arrival order', async () => {
    const batcher = new AuditBatcher(database.db);
    const seqs = await Promise.all(Array.from({ length: 120 }, (_, i) => batcher.append(actor, { action: 'test.batched', outcome: 'success', objectIds: [i] })));
    expect(new Set(seqs).size).toBe(120);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b)); // arrival order is chain order
    const { rows } = await sql<{ object_ids: string[]; seq: string }>`SELECT object_ids, seq FROM audit_log WHERE seq = ANY(${seqs.map(String)}::bigint[]) ORDER BY seq`.execute(database.db);
    expect(rows.map((row) => Number(row.object_ids[0]))).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('fails every request of a batch whose write fails, keeps none of it, and works again after', async () => {
    const batcher = new AuditBatcher(database.db);
    await withFailingAudit(database.db, 'test.refused', null, async () => {
      const results = await Promise.allSettled([
        batcher.append(actor, { action: 'test.ok-but-same-batch', outcome: 'success' }),
        batcher.append(actor, { action: 'test.refused', outcome: 'success' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    });
    const { rows } = await sql`SELECT 1 FROM audit_log WHERE action = 'test.ok-but-same-batch'`.execute(database.db);
    expect(rows).toHaveLength(0);
    expect(await batcher.append(actor, { action: 'test.after', outcome: 'success' })).toBeGreaterThan(0);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
