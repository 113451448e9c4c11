import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';

/**
 * Opt-in server-side prepared statements for the hot read paths (a record by id, its history, the
 * jurisdiction check of its links). PostgreSQL plans an unnamed statement on every execution, and
 * for a primary-key lookup planning is most of the cost: measured with pgbench on the bench-scale
 * cases table, the record lookup ran 13.6k/s unnamed and 54.6k/s prepared on the same two cores.
 *
 * A statement opts in by starting with `PREPARED` (a comment, so the SQL is unchanged). The client
 * then names it after a hash of its text, so each connection parses and plans it once and equal texts
 * share one name. Only fixed-shape statements may opt in: one prepared statement per distinct text
 * stays in every backend for the connection's life, and after five runs PostgreSQL may keep a
 * generic plan, which is right for a lookup by key and wrong for a bbox whose size changes the plan.
 * The embedded engine has no named statements (inline-params-client.ts): there the marker is only a
 * comment.
 */
export const PREPARED = '/* prepared */ ';
/** `PREPARED` for the start of a Kysely `sql` template. */
export const PREPARED_SQL = sql.raw(PREPARED);

const names = new Map<string, string>();
const MAX_NAMES = 2000; // far above the statements that opt in; a bug that opts in varying texts must not grow memory

export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `ba_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < MAX_NAMES) names.set(text, name);
  }
  return name;
}

/** A pg client that runs statements starting with `PREPARED` as named (prepared) statements. */
export class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [first, second, ...rest] = args;
    if (typeof first === 'string' && first.startsWith(PREPARED) && (Array.isArray(second) || second === undefined)) {
      return super.query({ name: statementName(first), text: first, values: second ?? [] }, ...(rest as [])) as never;
    }
    if (first && typeof first === 'object' && 'text' in first) {
      const config = first as pg.QueryConfig;
      if (!config.name && config.text.startsWith(PREPARED)) {
        return (super.query as (...a: unknown[]) => never)({ ...config, name: statementName(config.text) }, ...args.slice(1));
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
