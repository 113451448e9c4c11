/**
 * generateRegisters: every register's rows for a generated district, a pure function of (district,
 * scale, seed, reference date). No database, no clock, no Math.random.
 *
 * `registerTables` hands the tables over one at a time in foreign-key order, so the loader can insert
 * and drop each before the next is built: at the bench scale the people and cases tables hold a million
 * rows each, and keeping everything at once would need gigabytes. Each step draws from its own forked
 * stream, so changing one register's generator does not reshuffle the others.
 */
import { createRng } from '../district/random.js';
import type { DistrictData, Scale } from '../district/types.js';
import { REFERENCE_DATE, makeClock } from './clock.js';
import { indexDistrict } from './district-index.js';
import { generateCases } from './generate-cases.js';
import { generateCameras } from './generate-cameras.js';
import { generateFireHazards, generateFireStations, generateHydrants } from './generate-fire.js';
import { generateInspections } from './generate-inspections.js';
import { generatePatrol } from './generate-patrol.js';
import { generateHouses, generatePeople, planPopulation } from './generate-people.js';
import { generatePremises } from './generate-premises.js';
import { generateGuardPosts, generateOrganisations, generateVolunteers, planOrganisations } from './generate-resources.js';
import { findJunctions } from './junctions.js';
import { Provenance } from './provenance.js';
import { REGISTER_TABLES, type RegisterChunk, type RegisterRows, type RegisterTableName } from './types.js';

export interface RegisterScale {
  /** People to aim for; the household mix is tuned so the total lands close to it. */
  people: number;
  /** Share of homes standing empty. */
  vacancy: number;
  /** Chance that an adult resident volunteers. */
  volunteerShare: number;
  premises: number;
  fireHazards: number;
  rescueStations: number;
  patrolUnits: number;
  cases: number;
  hotspots: number;
}

export const REGISTER_SCALES: Record<Scale, RegisterScale> = {
  test: { people: 2_500, vacancy: 0.3, volunteerShare: 0.02, premises: 200, fireHazards: 30, rescueStations: 1, patrolUnits: 10, cases: 1_000, hotspots: 3 },
  demo: { people: 36_000, vacancy: 0.12, volunteerShare: 0.015, premises: 4_000, fireHazards: 400, rescueStations: 3, patrolUnits: 60, cases: 20_000, hotspots: 6 },
  bench: { people: 1_000_000, vacancy: 0.08, volunteerShare: 0.012, premises: 100_000, fireHazards: 8_000, rescueStations: 4, patrolUnits: 1_000, cases: 1_000_000, hotspots: 10 },
};

export interface RegisterOptions {
  scale: Scale;
  seed: number;
  /** The day the data is "as of" (YYYY-MM-DD); fixed by default so every run is identical. */
  today?: string;
}

/**
 * Rows per chunk of the two big registers: about one insert batch, so the loader can send a batch and
 * let the database insert it while the next chunk is being generated (and memory stays flat).
 */
const CHUNK_ROWS = 5000;

const whole = <T extends RegisterTableName>(table: T, rows: RegisterRows[T]) => ({ table, rows, total: rows.length }) as RegisterChunk;

/**
 * Every register's rows in insertion order, as chunks: one per table, except people and cases, which
 * come in chunks of CHUNK_ROWS. Each chunk says how many rows its table will have in all.
 */
export function* registerTables(district: DistrictData, { scale, seed, today = REFERENCE_DATE }: RegisterOptions): Generator<RegisterChunk> {
  const config = REGISTER_SCALES[scale];
  if (!config) throw new Error(`unknown scale ${String(scale)}`);
  const root = createRng(seed).fork('registers');
  const index = indexDistrict(district);
  const prov = new Provenance(root.fork('staff'), makeClock(today), index);
  const step = (label: string) => root.fork(label);

  const population = planPopulation(step('population'), index, config);
  for (const rows of generatePeople(step('people'), prov, index, population, config, CHUNK_ROWS)) {
    yield { table: 'people', rows, total: population.people };
  }
  yield whole('houses', generateHouses(step('houses'), prov, population));
  const premises = generatePremises(step('premises'), prov, index, population, config.premises);
  yield whole('premises', premises);
  yield whole('inspections', generateInspections(step('inspections'), prov, premises));
  const junctions = findJunctions(index.streets);
  yield whole('cameras', generateCameras(step('cameras'), prov, index, junctions, premises));
  const organisations = planOrganisations(step('organisation-plan'), index);
  yield whole('guard_posts', generateGuardPosts(step('guard-posts'), prov, index, organisations));
  yield whole('volunteers', generateVolunteers(step('volunteers'), prov, index, population));
  yield whole('organisations', generateOrganisations(step('organisations'), prov, organisations));
  yield whole('hydrants', generateHydrants(step('hydrants'), prov, index));
  yield whole('fire_hazards', generateFireHazards(step('fire-hazards'), prov, index, premises, config.fireHazards));
  yield whole('fire_stations', generateFireStations(step('fire-stations'), prov, index, config.rescueStations));
  const patrol = generatePatrol(step('patrol'), prov, index, config.patrolUnits);
  yield whole('patrol_units', patrol.units);
  yield whole('patrol_routes', patrol.routes);
  yield whole('checkpoints', patrol.checkpoints);
  for (const rows of generateCases(step('cases'), prov, index, junctions, premises, config, CHUNK_ROWS)) {
    yield { table: 'cases', rows, total: config.cases };
  }
}

/** All registers at once; for tests and small scales (the bench scale is better streamed). */
export function generateRegisters(district: DistrictData, options: RegisterOptions): RegisterRows {
  const out = Object.fromEntries(REGISTER_TABLES.map((t) => [t, []])) as unknown as RegisterRows;
  for (const { table, rows } of registerTables(district, options)) {
    const list = out[table] as unknown[];
    for (const row of rows) list.push(row);
  }
  return out;
}
