import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { appendAuditBatch, type AuditActor, type AuditEntry } from './audit-log.js';

/** Most entries committed in one transaction (16 columns each: far below PostgreSQL's 65,535 parameters). */
const MAX_BATCH = 500;

/**
 * Group commit for audit rows that belong to no other transaction (reads of people and cases,
 * selections): every request waits until its row is committed — so a failing audit write still
 * fails the request — but all requests waiting at the same moment share one transaction, one chain
 * head lock and one WAL flush. Appending one row per read in its own transaction capped audited
 * reads at one commit at a time (~300 a second here); a batch costs about what one row did.
 * One batch is in flight at a time; what arrives meanwhile forms the next.
 */
export class AuditBatcher {
  private queue: { actor: AuditActor; entry: AuditEntry; resolve: (seq: number) => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  append(actor: AuditActor, entry: AuditEntry): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ actor, entry, resolve, reject });
      this.flushing ??= this.flush().finally(() => { this.flushing = null; });
    });
  }

  private async flush(): Promise<void> {
    // Let the requests of this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const seqs = await this.db.transaction().execute((trx) => appendAuditBatch(trx, batch));
        batch.forEach((item, i) => item.resolve(seqs[i]!));
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
  }
}
