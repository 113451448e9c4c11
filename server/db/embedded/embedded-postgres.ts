import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DatabaseStartupError } from '../db-errors.js';
import { prepareDataDir } from './data-dir.js';
import type { ChildMessage } from './embedded-child.js';

export interface EmbeddedPostgres {
  /** postgres:// URL of the child's wire-protocol socket on 127.0.0.1. */
  url: string;
  fresh: boolean;
  /** The engine's process id. */
  pid: number;
  /** Called once if the child exits without being asked to. */
  onCrash(listener: (reason: string) => void): void;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** A cold first start unpacks PostGIS and runs initdb: tens of seconds on a loaded 2-core machine. */
  readyTimeoutMs?: number;
}

// The child is whatever this module is: compiled JavaScript under `npm start` (dist/), TypeScript in
// tests and dev tools, where tsx's loader (resolved from here, so any working directory works) runs it.
const COMPILED = import.meta.url.endsWith('.js');
const CHILD = fileURLToPath(new URL(COMPILED ? './embedded-child.js' : './embedded-child.ts', import.meta.url));
const CHILD_ARGS = COMPILED ? [] : ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
const STOP_TIMEOUT_MS = 15_000;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const dir = prepareDataDir(options.dataDir);
  let child: ChildProcess;
  try {
    child = fork(CHILD, [], {
      execArgv: CHILD_ARGS,
      env: { ...process.env, BEAT_ATLAS_PGDATA: dir.pgdataDir },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  } catch (error) {
    dir.release();
    throw error;
  }

  let ready = false;
  let stopping = false;
  const crashListeners: ((reason: string) => void)[] = [];

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new DatabaseStartupError('embedded-timeout',
        `the embedded database did not start within ${Math.round((options.readyTimeoutMs ?? 180_000) / 1000)} s; check free memory (it needs about 1 GB)`));
    }, options.readyTimeoutMs ?? 180_000);
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        resolve(message.port);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new DatabaseStartupError('data-dir-damaged',
          `the embedded database in ${options.dataDir} cannot be opened (${message.message}); it may be damaged: ` +
          'restore it from a backup or move it away and start again to create a new one'));
      }
    });
    child.on('exit', (code, signal) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new DatabaseStartupError('embedded-crashed',
          `the embedded database process exited during startup (${signal ?? `code ${code}`})`));
      }
    });
  }).catch((error: unknown) => {
    dir.release();
    throw error;
  });

  child.on('exit', (code, signal) => {
    dir.release();
    if (stopping) return;
    const reason = `the embedded database process stopped unexpectedly (${signal ?? `code ${code}`})`;
    for (const listener of crashListeners) listener(reason);
  });

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    fresh: dir.fresh,
    pid: child.pid!,
    onCrash: (listener) => void crashListeners.push(listener),
    stop: async () => {
      if (stopping || child.exitCode !== null) return;
      stopping = true;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
