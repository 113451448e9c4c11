import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { auditRead } from '../access/request-audit.js';
import { scopeOf } from '../access/route-access.js';
import { badRequest, notFound } from '../http/errors.js';
import { ErrorBody } from '../http/schemas.js';
import { etagOf } from '../registers/record-service.js';
import type { RegisterSpec } from '../registers/register-spec.js';
import { registerById, REGISTERS } from '../registers/specs/index.js';
import { collection, collections, COLLECTION_IDS, conformance, landingPage } from './ogc-collections.js';
import { isAggregated, itemsPage, oneFeature, parseItemsQuery } from './ogc-items.js';
import {
  Collection, CollectionParams, Collections, Conformance, FeatureIdParams, FeatureParams, featureSchemas, GEOJSON, itemsQuerySchema,
  LandingPage, NoQuery, OGC_BASE,
} from './ogc-schemas.js';

const tags = ['ogc'];
const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
const unknownCollection = (id: string) => notFound(`no collection "${id}"; collections: ${COLLECTION_IDS}`);
const geojson = (schema: unknown, description: string) => ({ description, content: { [GEOJSON]: { schema } } });

/**
 * OGC API – Features Part 1 (Core, GeoJSON) over every register at `/api/ogc`. Each collection has its
 * own items routes so OpenAPI shows its feature schema and the serializer keeps to it (for `people`:
 * address counts only). The parametric routes answer unknown collections with the valid ids.
 */
export const ogcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(OGC_BASE, {
    config: { access: { kind: 'base_map' } },
    schema: { tags, summary: 'OGC API – Features landing page', querystring: NoQuery, response: { 200: LandingPage, 400: ErrorBody } },
    attachValidation: true,
  }, async (request) => {
    checkQuery(request, []);
    return landingPage(origin(request));
  });

  app.get(`${OGC_BASE}/conformance`, {
    config: { access: { kind: 'base_map' } },
    schema: { tags, summary: 'Conformance classes implemented', querystring: NoQuery, response: { 200: Conformance, 400: ErrorBody } },
    attachValidation: true,
  }, async (request) => {
    checkQuery(request, []);
    return conformance();
  });

  app.get(`${OGC_BASE}/collections`, {
    config: { access: { kind: 'base_map' } },
    schema: { tags, summary: 'The collections: one per register', querystring: NoQuery, response: { 200: Collections, 400: ErrorBody } },
    attachValidation: true,
  }, async (request) => {
    checkQuery(request, []);
    return collections(origin(request), await app.tiles.districtBounds());
  });

  app.get(`${OGC_BASE}/collections/:collectionId`, {
    config: { access: { kind: 'base_map' } },
    schema: {
      tags, summary: 'One collection', params: CollectionParams, querystring: NoQuery,
      response: { 200: Collection, 400: ErrorBody, 404: ErrorBody },
    },
    attachValidation: true,
  }, async (request) => {
    checkQuery(request, []);
    const spec = registerById(request.params.collectionId);
    if (!spec) throw unknownCollection(request.params.collectionId);
    return collection(spec, origin(request), await app.tiles.districtBounds());
  });

  for (const spec of REGISTERS) itemsRoutes(spec);

  // Unknown collections only (the known ones have their own routes above): the access rule lets the 404 through.
  const unknown = { access: { kind: 'register' as const, action: 'read' as const, register: () => undefined } };
  app.get(`${OGC_BASE}/collections/:collectionId/items`, {
    config: unknown,
    schema: { hide: true, params: CollectionParams, response: { 404: ErrorBody } },
  }, async (request) => {
    throw unknownCollection(request.params.collectionId);
  });
  app.get(`${OGC_BASE}/collections/:collectionId/items/:featureId`, {
    config: unknown,
    schema: { hide: true, params: FeatureParams, response: { 404: ErrorBody } },
  }, async (request) => {
    throw unknownCollection(request.params.collectionId);
  });

  function itemsRoutes(spec: RegisterSpec): void {
    const { Feature, FeatureCollection } = featureSchemas(spec);
    const Query = itemsQuerySchema(spec);
    const base = `${OGC_BASE}/collections/${spec.id}/items`;
    const what = isAggregated(spec) ? 'people counted per standard address (never individuals)' : `${spec.title.en} records`;

    const read = { access: { kind: 'register' as const, action: 'read' as const, register: spec.id } };
    app.get(base, {
      config: read,
      schema: {
        tags, summary: `${spec.title.zh} ${spec.title.en}: ${what} as a GeoJSON FeatureCollection (within your jurisdiction)`, querystring: Query,
        response: { 200: geojson(FeatureCollection, 'a page of features'), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
      attachValidation: true,
    }, async (request, reply) => {
      checkQuery(request, Object.keys(Query.properties));
      const filters = parseItemsQuery(spec, request.query as Record<string, string | undefined>);
      const page = await itemsPage(db, spec, { ...filters, scope: scopeOf(request, 'read', spec.id) }, new URL(request.url, origin(request)));
      if (!isAggregated(spec)) await auditRead(app, request, spec.id, page.features.map((feature) => feature.id));
      return reply.type(GEOJSON).send(page);
    });

    app.get(`${base}/:featureId`, {
      config: read,
      schema: {
        tags, summary: isAggregated(spec) ? 'The people count of one standard address (featureId: the address id)' : `One ${spec.title.en} record as a GeoJSON Feature`,
        params: FeatureIdParams, querystring: NoQuery,
        response: { 200: geojson(Feature, 'the feature; ETag: its version'), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      attachValidation: true,
    }, async (request, reply) => {
      checkQuery(request, []);
      const raw = request.params.featureId;
      const found = /^[1-9]\d{0,15}$/.test(raw) ? await oneFeature(db, spec, Number(raw), scopeOf(request, 'read', spec.id)) : null;
      if (!found) throw notFound(`no feature "${raw}" in collection ${spec.id}`);
      if (!isAggregated(spec)) await auditRead(app, request, spec.id, [found.feature.id]);
      const here = origin(request);
      found.feature.links = [
        { href: `${here}${base}/${raw}`, rel: 'self', type: GEOJSON },
        { href: `${here}${OGC_BASE}/collections/${spec.id}`, rel: 'collection', type: 'application/json', title: spec.title.en },
      ];
      if (found.version !== null) reply.header('etag', etagOf(found.version));
      return reply.type(GEOJSON).send(found.feature);
    });
  }
};

/**
 * Routes validate with `attachValidation` so that an unknown query parameter becomes a 400 naming it
 * (OGC /req/core/query-param-unknown); other schema failures go to the error handler as they are.
 */
function checkQuery(request: FastifyRequest, allowed: string[]): void {
  const error = request.validationError as (Error & { validation?: { keyword: string; params: Record<string, unknown> }[] }) | undefined;
  if (!error) return;
  const first = error.validation?.[0];
  if (first?.keyword === 'additionalProperties') {
    const name = String(first.params.additionalProperty);
    throw badRequest(name, allowed.length ? `is not a parameter here; use ${allowed.join(', ')}` : 'is not a parameter here; this resource takes none');
  }
  throw error;
}
