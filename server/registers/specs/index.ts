import type { RegisterSpec } from '../register-spec.js';
import { cases } from './cases.js';
import { fireHazards, fireStations, hydrants } from './fire.js';
import { houses, people } from './population.js';
import { inspections, premises } from './premises.js';
import { checkpoints, patrolRoutes, patrolUnits } from './patrol.js';
import { cameras, guardPosts, organisations, volunteers } from './resources.js';

/** Every register, in the order the map lists them. */
export const REGISTERS: readonly RegisterSpec[] = [
  people, houses, premises, inspections, cameras, guardPosts, volunteers, organisations,
  hydrants, fireHazards, fireStations, patrolUnits, patrolRoutes, checkpoints, cases,
];

export function registerById(id: string): RegisterSpec | undefined {
  return REGISTERS.find((spec) => spec.id === id);
}
