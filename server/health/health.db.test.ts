import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { latestMigration } from '../db/migrate.js';
import { openTestDatabase } from '../../tests/helpers/test-database.js';
import { TcpProxy } from '../../tests/helpers/tcp-proxy.js';
import { connectUrl } from '../db/connect.js';
import { logIn, TestClock } from '../../tests/helpers/accounts.js';
import { actAs, districtOfficer } from '../../tests/helpers/test-app.js';

describe('GET /api/health', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ database: await openTestDatabase() });
  });
  afterAll(async () => {
    await app.close();
    await app.database.close();
  });

  it('reports the database mode, PostGIS version and schema version', async () => {
    const response = await app.inject('/api/health');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ok');
    expect(body.db.mode).toBe(inject('databaseMode'));
    expect(body.db.postgis).toMatch(/^3\./);
    expect(body.db.schemaVersion).toBe(latestMigration);
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('serves the OpenAPI document and the docs page from the server itself', async () => {
    const spec = await app.inject('/api/docs/json');
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining(['/api/health', '/api/tiles/{layer}/{z}/{x}/{y}']));
    const entry = await app.inject('/api/docs');
    const page = entry.statusCode === 302 ? await app.inject(new URL(entry.headers.location as string, 'http://x/api/docs/').pathname) : entry;
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
    for (const [, src] of page.body.matchAll(/(?:src|href)="([^"]+)"/g)) expect(src).not.toMatch(/^(https?:)?\/\//);
  });

  it('answers an unknown route with a 404 body naming it', async () => {
    const response = await app.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'not_found', message: 'no route GET /api/nothing-here' });
  });
});

describe('when the database goes away', () => {
  it('answers 503 with a reason, and serves again once it is back', async () => {
    const target = new URL(inject('databaseUrl'));
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const viaProxy = new URL(target);
    viaProxy.port = String(proxy.port);
    const database = await connectUrl(viaProxy.toString(), inject('databaseMode'));
    const app = await buildApp({ database });
    try {
      actAs(app, await logIn(app, await districtOfficer(app), new TestClock()));
      expect((await app.inject('/api/health')).statusCode).toBe(200);
      await proxy.cut();
      const down = await app.inject('/api/health');
      expect(down.statusCode).toBe(503);
      expect(down.json().db.error).toMatch(/^database unreachable: /);
      const tile = await app.inject('/api/tiles/streets/14/13716/6797.mvt');
      expect(tile.statusCode).toBe(503);
      expect(tile.json()).toMatchObject({ error: 'database_unavailable' });
      expect(tile.body).not.toMatch(/ECONNREFUSED|at .*\.ts:/);
      await proxy.restore();
      expect((await app.inject('/api/health')).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
      await proxy.cut();
    }
  });
});
