import { inject } from 'vitest';
import { connectUrl, type DatabaseHandle } from '../../server/db/connect.js';

/** A connection to the test run's database (see global-setup.ts), in the mode it really is. */
export function openTestDatabase(poolSize = 4): Promise<DatabaseHandle> {
  return connectUrl(inject('databaseUrl'), inject('databaseMode'), poolSize);
}
