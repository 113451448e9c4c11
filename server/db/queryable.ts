import type pg from 'pg';

/**
 * A pg pool or client: what a service needs to run a named prepared statement (Kysely has no
 * statement names). Links and search build one statement per register set and run it this way.
 */
export interface Queryable {
  query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
}
