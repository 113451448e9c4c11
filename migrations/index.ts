import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_registers.js';
import * as m0003 from './0003_search.js';
import * as m0004 from './0004_reference_indexes.js';
import * as m0006 from './0006_accounts_audit.js';
import * as m0007 from './0007_link_order_indexes.js';
import * as m0008 from './0008_handovers.js';
import * as m0009 from './0009_identifier_prefix_indexes.js';
import * as m0010 from './0010_search_planning.js';

/**
 * Every migration, in order. Listed statically (not read from the folder) so the set is the same in
 * `npm start`, tests and bundled builds. Add a line; never edit or reorder one that has landed.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_registers': m0002,
  '0003_search': m0003,
  '0004_reference_indexes': m0004,
  '0006_accounts_audit': m0006,
  '0007_link_order_indexes': m0007,
  '0008_handovers': m0008,
  '0009_identifier_prefix_indexes': m0009,
  '0010_search_planning': m0010,
};
