import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { listQuerySchema, recordSchema } from '../registers/record-schemas.js';
import type { RegisterSpec } from '../registers/register-spec.js';

/**
 * TypeBox schemas of the OGC API – Features responses (OGC 17-069r4, Core and GeoJSON). They validate
 * nothing the client sends beyond the query strings; they shape what leaves the server (undeclared
 * fields are dropped by the serializer) and document it in OpenAPI.
 */
export const OGC_BASE = '/api/ogc';
export const GEOJSON = 'application/geo+json';
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

export const Link = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  templated: Type.Optional(Type.Boolean({ description: 'href is a URI template ({z}/{x}/{y})' })),
});
export type Link = Static<typeof Link>;

export const LandingPage = Type.Object({
  title: Type.String(),
  description: Type.String(),
  links: Type.Array(Link),
});

export const Conformance = Type.Object({ conformsTo: Type.Array(Type.String()) });

export const Collection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
  extent: Type.Object({
    spatial: Type.Object({ bbox: Type.Array(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })), crs: Type.String() }),
  }),
  links: Type.Array(Link),
});

export const Collections = Type.Object({ collections: Type.Array(Collection), links: Type.Array(Link) });

export const CollectionParams = Type.Object({ collectionId: Type.String({ description: 'a register id, e.g. `hydrants`' }) });
export const FeatureIdParams = Type.Object({ featureId: Type.String({ description: 'the record id (people: the standard address id)' }) });
export const FeatureParams = Type.Object({ collectionId: Type.String(), featureId: Type.String() });

const Geometry = Type.Object({ type: Type.String(), coordinates: Type.Unknown() }, { description: 'GeoJSON geometry, WGS 84 lon/lat' });

const feature = (properties: TSchema) => Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: Type.Union([Geometry, Type.Null()]),
  properties,
  links: Type.Optional(Type.Array(Link)),
});

const featureCollection = (item: TSchema) => Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(item),
  numberMatched: Type.Integer(),
  numberReturned: Type.Integer(),
  timeStamp: Type.String({ format: 'date-time' }),
  links: Type.Array(Link),
});

/** What a people feature may carry: the address and counts, never a person. */
export const AddressAggregateProperties = Type.Object({
  address_id: Type.Integer(),
  full_address: Type.String(),
  people: Type.Integer({ description: 'people currently living at the address (matching the filters)' }),
  registered: Type.Integer({ description: '户籍 registered residents' }),
  floating: Type.Integer({ description: '流动 floating population' }),
  foreign: Type.Integer({ description: '境外 foreign nationals' }),
}, { additionalProperties: false });

/** A register's record as feature properties: every field the REST API shows except the geometry. */
function recordProperties(spec: RegisterSpec): TObject {
  const properties = { ...recordSchema(spec).properties } as Record<string, TSchema>;
  delete properties.geometry;
  return Type.Object(properties);
}

/** The feature and feature-collection schemas of one collection (people: address aggregates). */
export function featureSchemas(spec: RegisterSpec): { Feature: TObject; FeatureCollection: TObject } {
  const Feature = feature(spec.id === 'people' ? AddressAggregateProperties : recordProperties(spec));
  return { Feature, FeatureCollection: featureCollection(Feature) };
}

/** The items query of a collection: the register's list filters plus `datetime`; nothing else is accepted. */
export function itemsQuerySchema(spec: RegisterSpec): TObject {
  return Type.Object({
    ...listQuerySchema(spec).properties,
    datetime: Type.Optional(Type.String({
      description: 'updated_at within an RFC 3339 instant (at its precision) or interval start/end; `..` opens an end',
    })),
  }, { additionalProperties: false });
}

/** The one-feature query: nothing. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
