import { defineConfig } from 'vitest/config';
import { CANARY_ID_NUMBER } from './tests/helpers/canary.js';

/** Every app the tests build refuses to send the canary resident's ID number unrevealed. */
const env = { CANARY_ID_NUMBERS: CANARY_ID_NUMBER };

/**
 * Three projects: `unit` (pure modules, no I/O), `server` (`*.db.test.ts`: the API and SQL on a real
 * PostGIS — embedded by default, external when TEST_DATABASE_URL is set) and `browser` (the built
 * client in Debian Chromium against a real server).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'seed/**/*.test.ts', 'client/src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'server',
          env,
          include: ['server/**/*.db.test.ts', 'seed/**/*.db.test.ts', 'tests/server/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One database for the whole project; files run one after another so their writes don't interleave.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          env,
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts', 'tests/helpers/build-client.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
