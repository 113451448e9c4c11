import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { gunzipSync } from 'node:zlib';
import { AUDITED_READS, auditRead } from '../access/request-audit.js';
import { scopeOf } from '../access/route-access.js';
import { badRequest, notFound } from '../http/errors.js';
import { ErrorBody } from '../http/schemas.js';
import { isTileCoordError, parseTileCoord } from './tile-math.js';
import { isClustered, tileFields } from './tile-clusters.js';
import { tileLayer, TILE_LAYERS, type TileLayer, type TimeRange } from './tile-layers.js';

const LAYER_IDS = TILE_LAYERS.map((layer) => layer.id).join(', ');

/** Vector tiles and TileJSON 3.0 for the base layers. */
export const tilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tiles = app.tiles;

  app.get('/api/tiles/:file', {
    config: { access: { kind: 'register', action: 'read', register: (request) => registerOfLayer((request.params as { file: string }).file.replace(/\.json$/, '')) } },
    schema: {
      tags: ['tiles'], summary: 'TileJSON 3.0 of a layer (`/api/tiles/{layer}.json`)',
      params: Type.Object({ file: Type.String({ description: '<layer>.json' }) }),
      response: { 200: Type.Any(), 404: ErrorBody },
    },
  }, async (request) => {
    const id = request.params.file.replace(/\.json$/, '');
    const layer = tileLayer(id);
    if (!layer || !request.params.file.endsWith('.json')) throw notFound(`unknown tile layer "${id}"; layers: ${LAYER_IDS}`);
    const bounds = (await tiles.districtBounds()) ?? [121.5, 29.84, 121.6, 29.9];
    const origin = `${request.protocol}://${request.host}`;
    return {
      tilejson: '3.0.0',
      name: layer.id,
      description: layer.description,
      scheme: 'xyz',
      tiles: [`${origin}/api/tiles/${layer.id}/{z}/{x}/{y}.mvt`],
      minzoom: layer.minzoom,
      maxzoom: layer.maxzoom,
      bounds,
      center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, 13],
      vector_layers: [{
        id: layer.id, description: layer.description, minzoom: layer.minzoom, maxzoom: layer.maxzoom,
        fields: tileFields(layer),
      }],
    };
  });

  app.get('/api/tiles/:layer/:z/:x/:y', {
    config: { access: { kind: 'register', action: 'read', register: (request) => registerOfLayer((request.params as { layer: string }).layer) } },
    schema: {
      tags: ['tiles'], summary: 'A Mapbox Vector Tile (`/api/tiles/{layer}/{z}/{x}/{y}.mvt`, XYZ order)',
      params: Type.Object({ layer: Type.String(), z: Type.String(), x: Type.String(), y: Type.String({ description: '<y>.mvt' }) }),
      querystring: Type.Object({
        from: Type.Optional(Type.String({ description: 'YYYY-MM-DD: only records from this day on (layers with time: cases, by when they occurred)' })),
        to: Type.Optional(Type.String({ description: 'YYYY-MM-DD: only records up to and including this day' })),
      }),
      response: { 200: Type.Any({ description: 'application/vnd.mapbox-vector-tile' }), 204: Type.Null(), 304: Type.Null(), 400: ErrorBody, 404: ErrorBody },
    },
  }, async (request, reply) => {
    const { layer: id, z, x, y } = request.params;
    const layer = tileLayer(id);
    if (!layer) throw notFound(`unknown tile layer "${id}"; layers: ${LAYER_IDS}`);
    if (!y.endsWith('.mvt')) throw notFound('tile paths end in .mvt: /api/tiles/{layer}/{z}/{x}/{y}.mvt');
    const coord = parseTileCoord(z, x, y.slice(0, -4));
    if (isTileCoordError(coord)) throw badRequest(coord.field, coord.reason);

    const range = parseTimeRange(layer, request.query);
    // Single cases (z17–18) are reads of individual records: audited with the ids the tile holds.
    const audited = layer.register !== undefined && AUDITED_READS.has(layer.register) && !layer.aggregated && !isClustered(layer, coord.z);
    const tile = await tiles.tile(layer, coord, range, layer.register ? scopeOf(request, 'read', layer.register) : 'all', audited);
    // Register tiles depend on who asks: no shared cache may keep them.
    reply.header('etag', tile.etag).header('cache-control', layer.register ? 'private, max-age=60' : 'public, max-age=60')
      .header('vary', layer.register ? 'accept-encoding, cookie' : 'accept-encoding');
    if (request.headers['if-none-match'] === tile.etag) return reply.status(304).send(null);
    if (audited && tile.ids?.length) await auditRead(app, request, layer.register!, tile.ids);
    if (!tile.body) return reply.status(204).send(null);
    reply.type('application/vnd.mapbox-vector-tile');
    if (!tile.gzipped) return reply.send(tile.body);
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(tile.body);
    return reply.send(gunzipSync(tile.body));
  });
};

/** The register a tile layer draws ('base' for the base map; undefined for an unknown layer, which the route answers 404). */
function registerOfLayer(id: string): string | 'base' | undefined {
  const layer = tileLayer(id);
  return layer ? layer.register ?? 'base' : undefined;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `?from=&to=` as whole days, or a 400 naming the parameter. */
export function parseTimeRange(layer: TileLayer, query: { from?: string; to?: string }): TimeRange {
  const day = (name: 'from' | 'to'): string | null => {
    const raw = query[name];
    if (raw === undefined || raw === '') return null;
    if (!layer.timeColumn) throw badRequest(name, `the ${layer.id} layer has no time to filter by`);
    const match = DAY.exec(raw);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.toISOString().slice(0, 10) !== raw) throw badRequest(name, `must be a date YYYY-MM-DD, got "${raw}"`);
    return raw;
  };
  const range = { from: day('from'), to: day('to') };
  if (range.from && range.to && range.from > range.to) throw badRequest('to', `must not be before from (${range.from}), got ${range.to}`);
  return range;
}
