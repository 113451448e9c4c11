import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildServer, DIST } from '../../scripts/build-server.mjs';

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

  it('starts main.js and stops on a bad setting with a message naming it', async () => {
    const started = await run(process.execPath, [join(DIST, 'server/main.js')], { env: { ...process.env, PORT: 'eighty' } })
      .then(() => null, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(started?.code).not.toBe(0);
    expect(`${started?.stdout}${started?.stderr}`).toContain('PORT');
  }, 60_000);
});
