import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.js';

/**
 * The test run's canary resident: seeded once by the global setup, its ID number set as
 * CANARY_ID_NUMBERS for every test app (vitest.config.ts), so any response that carries it
 * unrevealed fails (server/privacy/canary-guard.ts). The check digit is right (GB 11643).
 */
export const CANARY_ID_NUMBER = '110101194910019997';
export const CANARY_NAME = '测试金丝雀';

/** The canary lives at the first door address of the district, like any resident. */
export async function seedCanary(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ id: number; x: number; y: number }>`
    SELECT id, ST_X(geom) AS x, ST_Y(geom) AS y FROM standard_addresses WHERE level = 'door' ORDER BY id LIMIT 1`.execute(db);
  const address = rows[0]!;
  // Inserted as the seed imports residents (no history row until its first change).
  const { rows: [person] } = await sql<{ id: number }>`
    INSERT INTO people (name, gender, category, id_number, phone, care_tags, geom, address_id, collected_by)
    VALUES (${CANARY_NAME}, 'female', 'registered', ${CANARY_ID_NUMBER}, '13900001111', ARRAY['key_person'],
            ST_SetSRID(ST_MakePoint(${address.x}, ${address.y}), 4326), ${address.id}, 'test-setup')
    RETURNING id`.execute(db);
  return person!.id;
}
