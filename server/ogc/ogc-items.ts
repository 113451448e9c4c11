import type { BeatScope } from '../access/jurisdiction.js';
import { maskedRecord } from '../privacy/record-masking.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { badRequest } from '../http/errors.js';
import { listRecords, parseListQuery, type ListFilters } from '../registers/record-list.js';
import { getRecord, type RecordRow } from '../registers/record-service.js';
import type { RegisterSpec } from '../registers/register-spec.js';
import { isDatetimeError, parseDatetime } from './ogc-datetime.js';
import { getAddressAggregate, listAddressAggregates, type AddressAggregate } from './ogc-people.js';
import { GEOJSON, OGC_BASE, type Link } from './ogc-schemas.js';

/** Items of a collection as GeoJSON: the register's records, or for `people` the address aggregates. */

export interface Feature {
  type: 'Feature';
  id: number;
  geometry: unknown;
  properties: Record<string, unknown>;
  links?: Link[];
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  links: Link[];
}

/** The aggregated (never individual) collections. */
export const isAggregated = (spec: RegisterSpec) => spec.id === 'people';

/** OGC items query → list filters; `datetime` bounds the records' updated_at. Errors name the parameter. */
export function parseItemsQuery(spec: RegisterSpec, query: Record<string, string | undefined>): ListFilters {
  const { datetime, ...rest } = query;
  const filters = parseListQuery(spec, rest);
  if (datetime !== undefined) {
    const range = parseDatetime(datetime);
    if (isDatetimeError(range)) throw badRequest('datetime', range.error);
    filters.updatedAfter = range.from;
    filters.updatedBefore = range.to;
  }
  return filters;
}

export function recordFeature(spec: RegisterSpec, row: RecordRow): Feature {
  const { geometry, ...properties } = maskedRecord(spec, row);
  return { type: 'Feature', id: row.id, geometry: geometry ?? null, properties };
}

export function aggregateFeature(row: AddressAggregate): Feature {
  const { geometry, ...properties } = row;
  return { type: 'Feature', id: row.address_id, geometry, properties };
}

/**
 * One page of a collection. `url` is the absolute request URL (its query becomes the self link and,
 * with the offset moved by one page, the next and prev links).
 */
export async function itemsPage(db: Kysely<Database>, spec: RegisterSpec, filters: ListFilters, url: URL): Promise<FeatureCollection> {
  const { features, total } = isAggregated(spec)
    ? await listAddressAggregates(db, filters).then(({ items, total }) => ({ features: items.map(aggregateFeature), total }))
    : await listRecords(db, spec, filters).then(({ items, total }) => ({ features: items.map((row) => recordFeature(spec, row)), total }));
  const links: Link[] = [
    { href: url.href, rel: 'self', type: GEOJSON, title: 'this page' },
    { href: `${url.origin}${OGC_BASE}/collections/${spec.id}`, rel: 'collection', type: 'application/json', title: spec.title.en },
  ];
  if (filters.offset + features.length < total) {
    links.push({ href: withOffset(url, filters.offset + filters.limit, filters.limit), rel: 'next', type: GEOJSON, title: 'next page' });
  }
  if (filters.offset > 0) {
    links.push({ href: withOffset(url, Math.max(0, filters.offset - filters.limit), filters.limit), rel: 'prev', type: GEOJSON, title: 'previous page' });
  }
  return {
    type: 'FeatureCollection', features, numberMatched: total, numberReturned: features.length,
    timeStamp: new Date().toISOString(), links,
  };
}

/** One feature (a live record, or for people an address with residents), or null. */
export async function oneFeature(db: Kysely<Database>, spec: RegisterSpec, id: number, scope: BeatScope = 'all'): Promise<{ feature: Feature; version: number | null } | null> {
  if (isAggregated(spec)) {
    const aggregate = await getAddressAggregate(db, id, scope);
    return aggregate ? { feature: aggregateFeature(aggregate), version: null } : null;
  }
  const record = await getRecord(db, spec, id, false, scope);
  return record ? { feature: recordFeature(spec, record), version: record.version } : null;
}

function withOffset(url: URL, offset: number, limit: number): string {
  const next = new URL(url.href);
  next.searchParams.set('offset', String(offset));
  next.searchParams.set('limit', String(limit));
  return next.href;
}
