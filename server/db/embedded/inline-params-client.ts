import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { prepareValue, escapeLiteral } = require('pg/lib/utils.js') as {
  prepareValue(value: unknown): unknown;
  escapeLiteral(value: string): string;
};

/**
 * A pg client for the embedded engine that sends every query over the SIMPLE query protocol, with
 * its parameters inlined as escaped literals.
 *
 * Why: behind pglite-socket, an error in an extended-protocol query (Parse/Bind/Execute/Sync)
 * leaves one extra response on the wire, so every later query on that connection receives the
 * previous query's result (reproduced: `SELECT 1/$1` with 0, then each SELECT answers the one before).
 * The simple protocol has one response per query and no such state. Values are converted exactly as
 * pg converts parameters (`prepareValue`) and escaped with `escapeLiteral`, so nothing a caller passes
 * can change the statement; the literal is untyped, as a parameter is, so PostgreSQL infers the same type.
 */
export class InlineParamsClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [first, second, ...rest] = args;
    if (typeof first === 'string' && Array.isArray(second)) {
      return super.query(inline(first, second), ...(rest as [])) as never;
    }
    if (first && typeof first === 'object' && 'text' in first) {
      const config = first as pg.QueryConfig & { name?: string };
      const values = Array.isArray(second) ? second : config.values;
      if (values && values.length > 0) {
        // No named statements either: one engine session is shared by every socket connection.
        const { name: _name, values: _values, ...plain } = config;
        return super.query({ ...plain, text: inline(config.text, values) }, ...((Array.isArray(second) ? rest : [second, ...rest]) as [])) as never;
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/** Replace $1…$n by literals. Our statements never contain `$n` inside string literals or comments. */
export function inline(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)(?!\d)/g, (match, index: string) => {
    const position = Number(index) - 1;
    if (position < 0 || position >= values.length) return match;
    return literal(values[position]);
  });
}

function literal(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'::bytea`;
  return escapeLiteral(String(prepared));
}
