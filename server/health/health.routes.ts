import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { schemaVersion } from '../db/migrate.js';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  db: Type.Object({
    mode: Type.Union([Type.Literal('embedded'), Type.Literal('external')]),
    postgis: Type.Union([Type.String(), Type.Null()], { description: 'PostGIS version, null when the database is unreachable' }),
    schemaVersion: Type.Union([Type.String(), Type.Null()], { description: 'newest applied migration' }),
    error: Type.Optional(Type.String()),
  }),
});

/** Liveness and database state; 503 (with the same body) while the database is unreachable. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', {
    config: { access: { kind: 'public' } },
    schema: { tags: ['health'], summary: 'Service and database status', response: { 200: Health, 503: Health } },
  }, async (_request, reply) => {
    const { db, mode, failure } = app.database;
    try {
      const crashed = failure();
      if (crashed) throw new Error(crashed);
      const postgis = (await sql<{ v: string }>`SELECT postgis_lib_version() AS v`.execute(db)).rows[0]?.v ?? null;
      return { status: 'ok' as const, db: { mode, postgis, schemaVersion: await schemaVersion(db) } };
    } catch (error) {
      return reply.status(503).send({
        status: 'degraded' as const,
        db: { mode, postgis: null, schemaVersion: null, error: 'database unreachable: ' + (error as Error).message },
      });
    }
  });
};
