/**
 * `npm run bench -- startup`: time `npm start` from launch to its "ready" line, on a new
 * data directory (first start: create, migrate, seed the demo district) and again (restart).
 * Targets: first start < 60 s, restart < 10 s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function timeToReady(dataDir: string): Promise<number> {
  const started = performance.now();
  // Exactly what a newcomer runs (client build check included), in its own process group to stop it.
  const child = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(`    ${chunk.toString().trimEnd().replaceAll('\n', '\n    ')}\n`);
      if (/\] ready in/.test(output)) {
        const seconds = (performance.now() - started) / 1000;
        child.once('exit', () => resolve(seconds));
        process.kill(-child.pid!, 'SIGTERM');
      }
    });
    child.once('exit', (code) => { if (!/\] ready in/.test(output)) reject(new Error(`server exited (${code}) before ready`)); });
  });
}

export async function benchStartup(): Promise<void> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'beat-atlas-startup-')), 'data');
  try {
    console.log('first start (new data directory):');
    const first = await timeToReady(dataDir);
    console.log('restart:');
    const again = await timeToReady(dataDir);
    console.log(`\nfirst start: ${first.toFixed(1)} s (target < 60 s)\nrestart:     ${again.toFixed(1)} s (target < 10 s)`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
