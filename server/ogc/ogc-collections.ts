import type { Static } from '@sinclair/typebox';
import type { RegisterSpec } from '../registers/register-spec.js';
import { REGISTERS } from '../registers/specs/index.js';
import {
  CONFORMANCE, CRS84, GEOJSON, OGC_BASE, type Collection, type Collections, type Conformance, type LandingPage, type Link,
} from './ogc-schemas.js';

/** The landing page, conformance declaration and collection descriptions. `origin` makes links absolute. */
export const COLLECTION_IDS = REGISTERS.map((spec) => spec.id).join(', ');

export function landingPage(origin: string): Static<typeof LandingPage> {
  return {
    title: 'Beat Atlas (社区警务e超市) OGC API – Features',
    description: `Every register of the beat as OGC API – Features collections (GeoJSON, WGS 84 lon/lat): ${COLLECTION_IDS}. `
      + 'People are published only as counts per standard address.',
    links: [
      { href: `${origin}${OGC_BASE}`, rel: 'self', type: 'application/json', title: 'this document' },
      { href: `${origin}/api/docs/json`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.1', title: 'the API definition (OpenAPI)' },
      { href: `${origin}/api/docs`, rel: 'service-doc', type: 'text/html', title: 'the API documentation' },
      { href: `${origin}${OGC_BASE}/conformance`, rel: 'conformance', type: 'application/json', title: 'conformance classes implemented' },
      { href: `${origin}${OGC_BASE}/collections`, rel: 'data', type: 'application/json', title: 'the collections (registers)' },
    ],
  };
}

export const conformance = (): Static<typeof Conformance> => ({ conformsTo: [...CONFORMANCE] });

export const PEOPLE_DESCRIPTION = '实有人口 People are never published as individuals. Each feature is a standard address '
  + '(geometry: the address point; id: the address id) with the number of people living there who have not moved out, in all '
  + '(people) and by category (registered, floating, foreign); no names, ID numbers, phones or other personal fields. '
  + 'The filters (gender, category, beat_id, community_id, address_id, not_verified_days, and datetime on the people\'s '
  + 'updated_at) choose which people are counted; bbox applies to the address point; addresses where nobody matches are '
  + 'not listed, and people without a standard address are not counted.';

function describe(spec: RegisterSpec): string {
  if (spec.id === 'people') return PEOPLE_DESCRIPTION;
  const filters = Object.entries(spec.fields)
    .filter(([, field]) => (field.kind === 'enum' || field.kind === 'ref') && field.filter).map(([name]) => name);
  return `${spec.title.zh} ${spec.title.en}: the live (not deleted) records of the register, one ${spec.geometry} feature each `
    + `(id: the record id). Filters: bbox, datetime (on updated_at), beat_id, community_id, address_id, not_verified_days`
    + `${filters.length ? `, ${filters.join(', ')}` : ''}.`;
}

export function collection(spec: RegisterSpec, origin: string, bbox: [number, number, number, number] | null): Static<typeof Collection> {
  const base = `${origin}${OGC_BASE}/collections/${spec.id}`;
  const links: Link[] = [
    { href: base, rel: 'self', type: 'application/json', title: spec.title.en },
    { href: `${base}/items`, rel: 'items', type: GEOJSON, title: `${spec.title.en} as GeoJSON` },
    {
      href: `${origin}/api/tiles/${spec.id}/{z}/{x}/{y}.mvt`, rel: 'tiles', type: 'application/vnd.mapbox-vector-tile', templated: true,
      title: `${spec.title.en} as vector tiles (XYZ)`,
    },
  ];
  return {
    id: spec.id,
    title: `${spec.title.zh} ${spec.title.en}`,
    description: describe(spec),
    itemType: 'feature',
    crs: [CRS84],
    // Records lie inside the district (the API refuses anything outside it), so its extent bounds them.
    extent: { spatial: { bbox: [bbox ?? [-180, -90, 180, 90]], crs: CRS84 } },
    links,
  };
}

export function collections(origin: string, bbox: [number, number, number, number] | null): Static<typeof Collections> {
  return {
    collections: REGISTERS.map((spec) => collection(spec, origin, bbox)),
    links: [{ href: `${origin}${OGC_BASE}/collections`, rel: 'self', type: 'application/json', title: 'the collections' }],
  };
}
