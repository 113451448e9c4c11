import { fileURLToPath } from 'node:url';
import { buildApp } from '../../server/app.js';
import { openTestDatabase } from './test-database.js';

const CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** The real server, listening on a free port of 127.0.0.1, with the built client and the test district. */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const database = await openTestDatabase();
  const app = await buildApp({ database, clientDir: CLIENT_DIR });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
