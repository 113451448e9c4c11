import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../server/app.js';
import { openTestDatabase } from './test-database.js';

/** The app on the test database for the file's tests (built once, closed with its pool after them). */
export function useTestApp(receive: (app: FastifyInstance) => void): void {
  let app: FastifyInstance | null = null;
  beforeAll(async () => {
    app = await buildApp({ database: await openTestDatabase() });
    receive(app);
  });
  afterAll(async () => {
    await app?.close();
    await app?.database.close();
  });
}
