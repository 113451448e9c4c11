/**
 * The server as plain JavaScript in dist/ (one .js per .ts, same tree): what `npm start` runs.
 * Running the TypeScript through tsx at every start would cost a loader thread, a transpile of every
 * module and source maps held in memory — about 50 MB of the API's resident memory and a second of
 * each start. esbuild only strips types (no bundling: files that read siblings by import.meta.url,
 * such as the common-password list, keep their places), so this takes well under a second.
 * Plain .mjs because it is the step that makes JavaScript; tests and dev tools keep running the .ts.
 */
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');

/**
 * Flags of the node that runs the server (package.json's `start` passes them; the benches too).
 * V8 lets the old generation of a fast-allocating process grow to ~4× what survives a collection
 * before it collects again: under 50 concurrent list requests that was ~230 MB of heap for ~45 MB
 * live, a resident peak over 300 MB. A fixed growth of 2× keeps the peak under 200 MB for a few
 * more 10 ms collections; it is a growth factor, not a cap, so a request that needs more still gets it.
 * A 16 MB young generation (semi-space) instead of V8's default: a page of 100 records allocates a
 * few hundred KB (rows, masked copies, the JSON), and with the small default most of it was copied out
 * by scavenges before it died. Node's CPU per items page, in one process, in turn: 6.5, 5.8, 7.3 ms
 * → 4.3, 4.0, 4.4 ms; resident peak 240 → 244 MB (in-process with the bench; the server alone peaks
 * at ~190 MB under the registers bench).
 */
export const SERVER_NODE_FLAGS = ['--heap-growing-percent=100', '--max-semi-space-size=16'];
const SOURCE_DIRS = ['server', 'migrations', 'seed'];
/** Files the server reads at run time next to its modules. */
const ASSETS = ['server/auth/common-passwords.txt'];

/** Every runtime .ts file under `dir` (tests excluded). */
function sources(dir) {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Compile server/, migrations/, seed/ (and `extraEntries`, e.g. the bench server) into dist/. */
export async function buildServer({ extraEntries = [] } = {}) {
  const started = Date.now();
  const entryPoints = [...SOURCE_DIRS.flatMap(sources), ...extraEntries];
  // Start clean: a module deleted from the sources must not linger in dist/ and be imported.
  for (const dir of [...SOURCE_DIRS, 'bench']) rmSync(join(DIST, dir), { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT, entryPoints, outdir: DIST, outbase: ROOT,
    format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning',
  });
  for (const asset of ASSETS) cpSync(join(ROOT, asset), join(DIST, asset));
  return { modules: entryPoints.length, ms: Date.now() - started };
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  const { modules, ms } = await buildServer();
  console.log(`[beat-atlas] compiled ${modules} server modules into dist/ in ${ms} ms`);
}
