/**
 * seedDistrict: generate the synthetic district and load it, unless the database already has one.
 *
 * Never overwrites by accident: with district rows present and no `reset`, it reports and does
 * nothing. With `reset`, it says plainly what it is deleting, then truncates the district tables and
 * loads the new district in the same transaction, so a failed load leaves the old district in place.
 * The registers (seed/registers/) are generated for the new district and loaded in that transaction
 * too; an existing district whose registers are still empty gets them without a reset.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../server/db/schema.js';
import { DEFAULT_SEED, generateDistrict } from './district/generate-district.js';
import { DISTRICT_TABLES, type DistrictTableName, type Scale } from './district/types.js';
import { loadDistrict } from './load-district.js';
import { type RegisterSeedResult, registersEmpty, seedRegisters, truncateRegisters } from './registers/seed-registers.js';

export interface SeedOptions {
  scale: Scale;
  seed?: number;
  /** Delete an existing district (and everything referencing it) before seeding. */
  reset?: boolean;
  /** Also fill the registers (people, premises, cases …) for the district; default true. */
  registers?: boolean;
  log?: (line: string) => void;
}

export interface SeedResult {
  /** False when existing data was left alone. */
  seeded: boolean;
  scale: Scale;
  seed: number;
  /** Rows per table: inserted when seeded, already present when not. */
  counts: Record<DistrictTableName, number>;
  /** Human-readable outcome, also logged. */
  message: string;
  generateMs: number;
  loadMs: number;
  /** What the register seeding did, when it ran. */
  registers: RegisterSeedResult | null;
}

const LABELS: Record<DistrictTableName, readonly [string, string]> = {
  districts: ['district', 'districts'], sub_districts: ['sub-district', 'sub-districts'],
  communities: ['community', 'communities'], police_stations: ['police station', 'police stations'],
  beats: ['beat', 'beats'], streets: ['street', 'streets'], buildings: ['building', 'buildings'],
  standard_addresses: ['standard address', 'standard addresses'],
};
const label = (table: DistrictTableName, n: number): string => LABELS[table][n === 1 ? 0 : 1];
/** Tables smaller than this get no progress lines of their own; the summary covers them. */
const PROGRESS_MIN_ROWS = 10_000;
const PROGRESS_INTERVAL_MS = 2000;

export const formatCount = (n: number): string => n.toLocaleString('en-US');

export function describeCounts(counts: Record<DistrictTableName, number>): string {
  return DISTRICT_TABLES.map((t) => `${formatCount(counts[t])} ${label(t, counts[t])}`).join(', ');
}

export async function countDistrictRows(db: Kysely<Database>): Promise<Record<DistrictTableName, number>> {
  const selects = DISTRICT_TABLES.map((t) => `(SELECT count(*) FROM "${t}")::integer AS "${t}"`).join(', ');
  const { rows } = await sql.raw<Record<DistrictTableName, number>>(`SELECT ${selects}`).execute(db);
  const row = rows[0];
  if (!row) throw new Error('counting district rows returned nothing');
  return row;
}

export async function seedDistrict(db: Kysely<Database>, options: SeedOptions): Promise<SeedResult> {
  const { scale, seed = DEFAULT_SEED, reset = false, registers = true, log = console.log } = options;
  const existing = await countDistrictRows(db);
  const hasData = DISTRICT_TABLES.some((t) => existing[t] > 0);

  if (hasData && !reset) {
    const message = `district tables already hold data (${describeCounts(existing)}); left unchanged — pass --reset to replace them`;
    log(message);
    // A district seeded before the registers existed gets them now, if it is this (scale, seed)'s district.
    const topUp = registers && (await registersEmpty(db)) ? await seedRegisters(db, { scale, seed, log }) : null;
    return { seeded: false, scale, seed, counts: existing, message, generateMs: 0, loadMs: 0, registers: topUp };
  }

  log(`generating ${scale} district (seed ${seed})…`);
  const generateStarted = performance.now();
  const data = generateDistrict({ scale, seed });
  const generateMs = performance.now() - generateStarted;
  const planned = Object.fromEntries(DISTRICT_TABLES.map((t) => [t, data[t].length])) as Record<DistrictTableName, number>;
  log(`generated in ${(generateMs / 1000).toFixed(1)} s: ${describeCounts(planned)}`);

  const loadStarted = performance.now();
  let lastLine = loadStarted;
  let registerResult: RegisterSeedResult | null = null;
  let loadMs = 0;
  const run = async (trx: Kysely<Database>) => {
    if (hasData) {
      log(`reset: DELETING the existing district (${describeCounts(existing)}) and every row that references it`);
      await sql.raw(`TRUNCATE ${DISTRICT_TABLES.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`).execute(trx);
    }
    // The registers, their history and their links go too, also when the district tables were empty.
    if (reset) await truncateRegisters(trx);
    const counts = await loadDistrict(trx, data, (table, done, total) => {
      if (total < PROGRESS_MIN_ROWS) return;
      const now = performance.now();
      if (done < total && now - lastLine < PROGRESS_INTERVAL_MS) return;
      lastLine = now;
      log(`seeding ${scale} district: ${formatCount(done)} / ${formatCount(total)} ${label(table, total)}`);
    });
    loadMs = performance.now() - loadStarted;
    // Same transaction: a failed register load rolls the district back too, so --reset stays atomic.
    if (registers) registerResult = await seedRegisters(trx, { scale, seed, log, district: data });
    return counts;
  };
  if (reset && !hasData) log('reset: the district tables are already empty; nothing to delete');
  const counts = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  const message = `seeded ${scale} district (seed ${seed}) in ${(loadMs / 1000).toFixed(1)} s: ${describeCounts(counts)}`;
  log(message);
  return { seeded: true, scale, seed, counts, message, generateMs, loadMs, registers: registerResult };
}
