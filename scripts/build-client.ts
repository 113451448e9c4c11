/**
 * Build the client when its sources are newer than the last build, so `npm start` after a change
 * serves the change and a plain restart costs no build time.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const SOURCES = ['client/src', 'client/index.html', 'vite.config.ts', 'package-lock.json'];
const BUILT = 'client/dist/index.html';

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
if (Math.max(...SOURCES.map(newest)) > builtAt) {
  console.log('[beat-atlas] building the client …');
  const started = Date.now();
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  console.log(`[beat-atlas] client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
