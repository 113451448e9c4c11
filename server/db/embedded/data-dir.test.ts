import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDataDir } from './data-dir.js';

const newDir = () => join(mkdtempSync(join(tmpdir(), 'beat-atlas-dd-')), 'data');

describe('prepareDataDir', () => {
  it('creates and marks a new folder, then knows it again', () => {
    const dir = newDir();
    const first = prepareDataDir(dir);
    expect(first.fresh).toBe(true);
    expect(first.pgdataDir).toBe(join(dir, 'pgdata'));
    first.release();
    const again = prepareDataDir(dir);
    expect(again.fresh).toBe(false);
    again.release();
  });

  it('refuses a folder with files it did not write', () => {
    const dir = newDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.docx'), 'precious');
    expect(() => prepareDataDir(dir)).toThrow(/is not empty and is not a Beat Atlas data directory; point DATA_DIR at an empty or new folder/);
    expect(readFileSync(join(dir, 'thesis.docx'), 'utf8')).toBe('precious');
  });

  it('refuses a folder whose marker is damaged', () => {
    const dir = newDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'beat-atlas.json'), '{not json');
    expect(() => prepareDataDir(dir)).toThrow(/unreadable beat-atlas.json; restore the folder from a backup/);
  });

  it('refuses a folder another live process holds, and takes over a stale lock', () => {
    const dir = newDir();
    prepareDataDir(dir).release();
    writeFileSync(join(dir, 'beat-atlas.lock'), `${process.ppid}\n`); // a live process that is not us
    expect(() => prepareDataDir(dir)).toThrow(new RegExp(`in use by another Beat Atlas server \\(pid ${process.ppid}\\)`));
    writeFileSync(join(dir, 'beat-atlas.lock'), '999999999\n'); // no such process
    const taken = prepareDataDir(dir);
    expect(readFileSync(join(dir, 'beat-atlas.lock'), 'utf8').trim()).toBe(String(process.pid));
    taken.release();
  });
});
