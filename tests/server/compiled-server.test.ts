import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildServer, DIST, SERVER_NODE_FLAGS } from '../../scripts/build-server.mjs';

const run = promisify(execFile);

/**
 * `npm start` runs the server compiled into dist/ by plain node, not the TypeScript the other tests
 * import: every module must load there, and files read next to a module must have been copied.
 */
describe('the compiled server (npm start)', () => {
  it('builds, loads under plain node, and reads the files it keeps next to its modules', async () => {
    const { modules } = await buildServer();
    expect(modules).toBeGreaterThan(100);
    const probe = `const m = await import(${JSON.stringify(join(DIST, 'server/auth/password-policy.js'))});
      console.log(m.passwordProblem('qwertyuiop', 'someone'))`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe]);
    expect(stdout).toMatch(/common/i);
  }, 60_000);

  it('npm start passes the server its node flags (the benches measure the server with the same)', () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    for (const flag of SERVER_NODE_FLAGS) expect(start).toContain(flag);
  });

  it('starts main.js and stops on a bad setting with a message naming it', async () => {
    const started = await run(process.execPath, [join(DIST, 'server/main.js')], { env: { ...process.env, PORT: 'eighty' } })
      .then(() => null, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(started?.code).not.toBe(0);
    expect(`${started?.stdout}${started?.stderr}`).toContain('PORT');
  }, 60_000);

  // The quick start itself: `npm start` on a new data directory (embedded engine, demo district), as a
  // newcomer runs it. Once per CI run is enough: skipped in the external-database pass.
  it.skipIf(process.env.TEST_DATABASE_URL)('npm start: embedded database, demo district, health, clean stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beat-atlas-quick-start-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'scripts/start.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /ready in [\d.]+ s: (http:\/\/[^/\s]+)\//.exec(out);
          if (match) { clearInterval(timer); resolve(match[1]!); }
        }, 200);
        void exited.then((code) => { clearInterval(timer); reject(new Error(`npm start exited (${code}) before ready:\n${out}`)); });
      });
      expect(out).toMatch(/seeding demo district/);
      const health = await fetch(`${base}/api/health`).then((response) => response.json() as Promise<{ status: string; db: { mode: string; postgis: string | null } }>);
      expect(health.status).toBe('ok');
      expect(health.db.mode).toBe('embedded');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('stopped');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
