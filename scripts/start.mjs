/**
 * `npm start`: compile the server into dist/ (scripts/build-server.mjs, well under a second), then
 * run it in this same process, so signals and the exit code are the server's own.
 */
import { buildServer } from './build-server.mjs';

const { modules, ms } = await buildServer();
console.log(`[beat-atlas] compiled ${modules} server modules in ${ms} ms`);
await import('../dist/server/main.js');
