import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import type { AuthOptions } from '../../server/auth/auth-settings.js';
import { openTestDatabase } from './test-database.js';

const CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

export interface TestServer {
  url: string;
  /** The app itself: tests create users with createTestUser(app, …) and query app.database. */
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The real server, listening on a free port of 127.0.0.1, with the built client and the test district. */
export async function startTestServer(options: { auth?: AuthOptions } = {}): Promise<TestServer> {
  const database = await openTestDatabase();
  const app = await buildApp({ database, clientDir: CLIENT_DIR, ...(options.auth ? { auth: options.auth } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
