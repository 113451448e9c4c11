import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { registerAccessControl } from './access/route-access.js';
import { AuditBatcher } from './audit/audit-batcher.js';
import { auditRoutes } from './audit/audit.routes.js';
import { adminRoutes } from './auth/admin.routes.js';
import { registerAuth } from './auth/auth-plugin.js';
import type { AuthOptions } from './auth/auth-settings.js';
import { authRoutes } from './auth/auth.routes.js';
import type { DatabaseHandle } from './db/connect.js';
import { handoverRoutes } from './handovers/handover.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { linkRoutes } from './links/link.routes.js';
import { ogcRoutes } from './ogc/ogc.routes.js';
import { registerRoutes } from './registers/register.routes.js';
import { searchRoutes } from './search/search.routes.js';
import { registerErrorHandler } from './http/errors.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { canariesFromEnv, registerCanaryGuard } from './privacy/canary-guard.js';
import { TileService } from './tiles/tile-service.js';
import { tilesRoutes } from './tiles/tiles.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
    tiles: TileService;
    /** Group commit of audit rows that belong to no other transaction (reads, selections). */
    auditBatcher: AuditBatcher;
  }
}

export interface AppOptions {
  database: DatabaseHandle;
  /** Built client to serve at `/`; skipped when the folder does not exist (API-only tests). */
  clientDir?: string;
  tileCacheMb?: number;
  logger?: FastifyServerOptions['logger'];
  /** Sessions, lockout and rate limits; tests inject a clock here. */
  auth?: AuthOptions;
  /** Honeytoken ID numbers that must never leave unrevealed (default: CANARY_ID_NUMBERS). */
  canaries?: readonly string[];
}

/**
 * The whole HTTP application as a plugin tree that never listens: `main.ts` listens, tests call
 * `app.inject`. Infrastructure (database, tiles) arrives as decorations before any route.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: false, coerceTypes: false, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('database', options.database);
  app.decorate('auditBatcher', new AuditBatcher(options.database.db));
  app.decorate('tiles', new TileService(options.database.pool, options.database.capabilities.mvt ? 'sql' : 'js',
    (options.tileCacheMb ?? 64) * 1024 * 1024));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  await registerAuth(app, options.auth);
  registerAccessControl(app);
  registerCanaryGuard(app, options.canaries ?? canariesFromEnv());

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Beat Atlas API (社区警务e超市)', version: '0.1.0', description: 'Community policing records on one map.' },
    },
  });
  // Served from node_modules: the docs page loads nothing from outside.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes);
  await app.register(tilesRoutes);
  await app.register(registerRoutes);
  await app.register(ogcRoutes);
  await app.register(linkRoutes);
  await app.register(searchRoutes);
  await app.register(authRoutes);
  await app.register(adminRoutes);
  await app.register(handoverRoutes);
  await app.register(auditRoutes);
  await app.register((await import('./selection/selection.routes.js')).selectionRoutes);

  if (options.clientDir && existsSync(options.clientDir)) {
    await app.register(fastifyStatic, { root: options.clientDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  await app.ready();
  return app;
}
