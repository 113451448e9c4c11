import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from './cli/run-cli.js';

/**
 * `npm start` builds the client only when its sources are newer than the last build. The build runs
 * in its own process, started before the database, so on a first start the two overlap (the database
 * work happens in the embedded engine's process; the build is CPU in another).
 */
const SOURCES = ['client/src', 'client/index.html', 'vite.config.ts', 'package-lock.json'];
const BUILT = 'client/dist/index.html';

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function clientIsStale(): boolean {
  const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  return Math.max(...SOURCES.map(newest)) > builtAt;
}

/** Resolves when the client is built (at once when it is current); rejects if the build fails. */
export function buildClientIfStale(log: (line: string) => void): Promise<void> {
  if (!clientIsStale()) return Promise.resolve();
  log('building the client …');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-client.ts'], { stdio: 'inherit' });
    child.once('exit', (code) => {
      if (code === 0) {
        log(`client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        resolve();
      } else reject(new StartupError(`building the client failed (exit ${code}); run \`npm run build:client\` to see why`));
    });
  });
}
