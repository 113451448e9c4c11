import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseSeedArgs } from './seed-args.js';

describe('parseSeedArgs', () => {
  it('reads scale, seed and reset', () => {
    expect(parseSeedArgs(['--scale', 'demo'])).toEqual({ scale: 'demo', seed: 20120501, reset: false });
    expect(parseSeedArgs(['--scale=bench', '--reset', '--seed', '42'])).toEqual({ scale: 'bench', seed: 42, reset: true });
    expect(parseSeedArgs(['--seed=7', '--scale', 'test'])).toEqual({ scale: 'test', seed: 7, reset: false });
  });

  it('rejects bad arguments with one line', () => {
    for (const argv of [[], ['--scale'], ['--scale', 'huge'], ['--scale', 'demo', '--seed', 'x'], ['--scale', 'demo', '--seed', '-1'],
      ['--scale', 'demo', '--wipe'], ['--scale', 'demo', '--reset=yes']]) {
      expect(() => parseSeedArgs(argv)).toThrow(/^[^\n]+$/);
    }
    expect(() => parseSeedArgs(['--scale', 'huge'])).toThrow(/unknown scale "huge"/);
  });

  it('makes the CLI exit with 2 on a bad argument, before touching any database', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'seed/cli.ts', '--scale', 'huge'], {
      encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('unknown scale');
  });
});
