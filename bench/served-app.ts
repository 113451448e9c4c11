/**
 * The app as a browser bench meets it: the server started as `npm start` runs it (compiled
 * `dist/server/main.js`: embedded database in a kept temporary folder, seeded with the demo district
 * on its first use, or DATABASE_URL) and a session to put into the browser's cookie jar.
 * Shared by the first-render and pan benches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, DIST, SERVER_NODE_FLAGS } from '../scripts/build-server.mjs';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/connect.js';
import { DEMO_ACCOUNTS } from '../seed/demo-accounts.js';
import { createBenchUser, logInOverHttp, retireBenchUser, type BenchSession } from './bench-session.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless Debian Chromium as the tests drive it (software GL: no GPU on the machine). */
export const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const READY_TIMEOUT_MS = 180_000;

export async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const env: Record<string, string> = { ...process.env as Record<string, string>, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  if (!process.env.DATABASE_URL) {
    const dataDir = join(tmpdir(), 'beat-atlas-first-render', 'data');
    mkdirSync(dataDir, { recursive: true });
    env.DATA_DIR = dataDir;
  }
  // Its own process group, so stopping it stops the embedded engine it starts too.
  await buildServer();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(DIST, 'server/main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server not ready in time')), READY_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready in [\d.]+ s: (http:\/\/[^/\s]+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before ready:\n${out}`));
    });
  });
}

/**
 * A session on the server at `base`: demo.officer, or (DATABASE_URL with no demo accounts: they are
 * only created on a database without accounts of its own) a fresh bench user in that database.
 * `done` disables the bench user again.
 */
export async function logIn(base: string): Promise<{ session: BenchSession; username: string; done: () => Promise<void> }> {
  const demo = DEMO_ACCOUNTS.find((account) => account.role === 'community_officer')!;
  try {
    return { session: await logInOverHttp(base, demo), username: demo.username, done: async () => {} };
  } catch (error) {
    if (!process.env.DATABASE_URL) throw error;
    console.log(`${demo.username} cannot log in on this database (${(error as Error).message.split('\n')[0]}); using a bench user`);
  }
  const database = await openDatabase(loadConfig(), { poolSize: 1 });
  try {
    const user = await createBenchUser(database.db);
    const session = await logInOverHttp(base, user);
    return {
      session, username: user.username,
      done: async () => {
        try { await retireBenchUser(database.db, user); } finally { await database.close(); }
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

