import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import type { DatabaseHandle } from './connect.js';
import { PREPARED, PREPARED_SQL, statementName } from './prepared-statements.js';

describe('prepared statements (opt-in by the PREPARED marker)', () => {
  let database: DatabaseHandle;
  beforeAll(async () => { database = await openTestDatabase(1); }); // one connection: the statements it prepared are visible to it
  afterAll(async () => { await database?.close(); });

  it('names a statement after its text: equal texts share a name, different texts never do', () => {
    const a = `${PREPARED}SELECT $1::integer AS n`;
    expect(statementName(a)).toBe(statementName(`${PREPARED}SELECT $1::integer AS n`));
    expect(statementName(a)).not.toBe(statementName(`${PREPARED}SELECT $1::bigint AS n`));
    expect(statementName(a)).toMatch(/^ba_[0-9a-f]{20}$/);
  });

  it('runs marked statements with their parameters, through Kysely and through the pool, in both modes', async () => {
    const viaKysely = await sql<{ n: number }>`${PREPARED_SQL}SELECT ${41}::integer + 1 AS n`.execute(database.db);
    expect(viaKysely.rows).toEqual([{ n: 42 }]);
    const viaPool = await database.pool.query<{ s: string }>({ text: `${PREPARED}SELECT $1::text || $2::text AS s`, values: ['a\'b', 'c'] });
    expect(viaPool.rows).toEqual([{ s: 'a\'bc' }]);
    // The same statement again with other values: a prepared statement is planned once, run many times.
    const again = await database.pool.query<{ s: string }>({ text: `${PREPARED}SELECT $1::text || $2::text AS s`, values: ['x', 'y'] });
    expect(again.rows).toEqual([{ s: 'xy' }]);
  });

  it('prepares only marked statements on a real PostgreSQL connection (the embedded engine has none)', async () => {
    const marked = `${PREPARED}SELECT $1::integer * 2 AS doubled`;
    await database.pool.query({ text: marked, values: [2] });
    await sql`SELECT ${3}::integer * 3 AS tripled`.execute(database.db);
    const { rows } = await database.pool.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements');
    if (database.mode === 'embedded') {
      expect(rows.map((row) => row.name)).not.toContain(statementName(marked));
      return;
    }
    expect(rows).toContainEqual({ name: statementName(marked), statement: marked });
    expect(rows.some((row) => row.statement.includes('tripled'))).toBe(false);
  });
});
