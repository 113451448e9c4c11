import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseStartupError } from '../db-errors.js';

/**
 * The embedded database's folder: `<dataDir>/beat-atlas.json` marks it as ours, `<dataDir>/pgdata`
 * holds PGlite's files, `<dataDir>/beat-atlas.lock` holds the pid of the server using it. The marker
 * keeps us from ever writing into a folder someone pointed DATA_DIR at by mistake.
 */
const MARKER = 'beat-atlas.json';
const LOCK = 'beat-atlas.lock';
const MARKER_FORMAT = 1;
/** Folders this process holds: the pid in the lock can't tell two opens in one process apart. */
const heldHere = new Set<string>();

export interface PreparedDataDir {
  pgdataDir: string;
  /** True when the folder was created now: the first start, which takes longer. */
  fresh: boolean;
  release(): void;
}

export function prepareDataDir(dataDir: string): PreparedDataDir {
  const markerPath = join(dataDir, MARKER);
  const entries = existsSync(dataDir) ? readdirSync(dataDir) : [];
  const fresh = !entries.includes(MARKER);
  if (fresh && entries.length > 0) {
    throw new DatabaseStartupError('data-dir-foreign',
      `DATA_DIR ${dataDir} is not empty and is not a Beat Atlas data directory; point DATA_DIR at an empty or new folder`);
  }
  if (!fresh) {
    let format: unknown;
    try {
      format = (JSON.parse(readFileSync(markerPath, 'utf8')) as { format?: unknown }).format;
    } catch {
      format = undefined;
    }
    if (format !== MARKER_FORMAT) {
      throw new DatabaseStartupError('data-dir-damaged',
        `DATA_DIR ${dataDir} has an unreadable ${MARKER}; restore the folder from a backup or point DATA_DIR at a new folder`);
    }
  }
  mkdirSync(dataDir, { recursive: true });
  takeLock(join(dataDir, LOCK), dataDir);
  if (fresh) writeFileSync(markerPath, JSON.stringify({ format: MARKER_FORMAT, createdBy: 'beat-atlas' }) + '\n');
  const lockPath = join(dataDir, LOCK);
  let held = true;
  return {
    pgdataDir: join(dataDir, 'pgdata'),
    fresh,
    release: () => {
      if (!held) return;
      held = false;
      heldHere.delete(dataDir);
      rmSync(lockPath, { force: true });
    },
  };
}

function takeLock(lockPath: string, dataDir: string): void {
  if (heldHere.has(dataDir)) {
    throw new DatabaseStartupError('data-dir-locked',
      `DATA_DIR ${dataDir} is in use by another Beat Atlas server (pid ${process.pid}); stop it first or set DATA_DIR to another folder`);
  }
  if (existsSync(lockPath)) {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseStartupError('data-dir-locked',
        `DATA_DIR ${dataDir} is in use by another Beat Atlas server (pid ${pid}); stop it first or set DATA_DIR to another folder`);
    }
    // A stale lock from a process that died: safe to take over.
  }
  writeFileSync(lockPath, `${process.pid}\n`);
  heldHere.add(dataDir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
