import type { BeatScope } from '../access/jurisdiction.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { whereSql, type ListFilters } from '../registers/record-list.js';

/**
 * People are never served one by one over OGC: a feature is a standard address and the number of
 * people living there, in all and by category. The SELECT below is the only place people rows are
 * read for OGC, and it reads nothing but `address_id` and `category`; the response schema
 * (`AddressAggregateProperties`) would drop any other field anyway.
 *
 * Counted: live people with a standard address who have not moved out (moved_out empty or later than
 * today) and who match the list filters (gender, category, beat, datetime on their updated_at …).
 * `bbox` applies to the address point. Addresses with nobody matching are not listed.
 */
export interface AddressAggregate {
  address_id: number;
  full_address: string;
  geometry: { type: string; coordinates: unknown };
  people: number;
  registered: number;
  floating: number;
  foreign: number;
}

export async function listAddressAggregates(db: Kysely<Database>, filters: ListFilters): Promise<{ items: AddressAggregate[]; total: number }> {
  const where = sql`${whereSql({ ...filters, bbox: null })}
    AND r.address_id IS NOT NULL AND (r.moved_out IS NULL OR r.moved_out > current_date)
    ${filters.bbox ? sql`AND a.geom && ST_MakeEnvelope(${filters.bbox[0]}, ${filters.bbox[1]}, ${filters.bbox[2]}, ${filters.bbox[3]}, 4326)` : sql``}`;
  const [page, count] = await Promise.all([
    sql<AddressAggregate>`
      SELECT a.id AS address_id, a.full_address, ST_AsGeoJSON(a.geom, 7)::json AS geometry,
             count(*)::integer AS people,
             (count(*) FILTER (WHERE r.category = 'registered'))::integer AS registered,
             (count(*) FILTER (WHERE r.category = 'floating'))::integer AS floating,
             (count(*) FILTER (WHERE r.category = 'foreign'))::integer AS "foreign"
        FROM people r JOIN standard_addresses a ON a.id = r.address_id
       WHERE ${where}
       GROUP BY a.id
       ORDER BY a.id LIMIT ${filters.limit} OFFSET ${filters.offset}`.execute(db),
    sql<{ n: number }>`SELECT count(DISTINCT r.address_id)::integer AS n
        FROM people r JOIN standard_addresses a ON a.id = r.address_id WHERE ${where}`.execute(db),
  ]);
  return { items: page.rows, total: count.rows[0]?.n ?? 0 };
}

/** The aggregate of one address, or null when nobody lives there (or it does not exist). */
export async function getAddressAggregate(db: Kysely<Database>, addressId: number, scope: BeatScope = 'all'): Promise<AddressAggregate | null> {
  const { items } = await listAddressAggregates(db, {
    bbox: null, limit: 1, offset: 0, equals: { address_id: addressId }, notVerifiedDays: null, updatedBefore: null, updatedAfter: null, scope,
  });
  return items[0] ?? null;
}
