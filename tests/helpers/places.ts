import type { FastifyInstance } from 'fastify';
import type { RegisterSpec } from '../../server/registers/register-spec.js';
import { validBody } from './register-fixtures.js';

/** A door address of the district with its beat and station: where a jurisdiction test puts records. */
export interface Place { beatId: number; stationId: number; addressId: number; point: [number, number] }

/**
 * A door address, the first (or `last`) by id, optionally outside a station: tests take "own"
 * records from one place and "other" ones from a place of another station.
 */
export async function doorAddress(app: FastifyInstance, options: { outsideStation?: number; last?: boolean } = {}): Promise<Place> {
  const { rows } = await app.database.pool.query<{ beat_id: number; station_id: number; id: number; x: number; y: number }>(
    `SELECT a.beat_id, b.station_id, a.id, ST_X(a.geom) AS x, ST_Y(a.geom) AS y
       FROM standard_addresses a JOIN beats b ON b.id = a.beat_id
      WHERE a.level = 'door' AND ($1::integer IS NULL OR b.station_id <> $1)
      ORDER BY a.id ${options.last ? 'DESC' : 'ASC'} LIMIT 1`, [options.outsideStation ?? null]);
  const row = rows[0];
  if (!row) throw new Error(`no door address${options.outsideStation ? ` outside station ${options.outsideStation}` : ''} in the test district`);
  return { beatId: row.beat_id, stationId: row.station_id, addressId: row.id, point: [row.x, row.y] };
}

/** A valid create body placed at `place`: a small geometry of the register's kind there, and the address. */
export async function bodyAt(app: FastifyInstance, spec: RegisterSpec, place: Place, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const [x, y] = place.point;
  const geometry = spec.geometry === 'Point' ? { type: 'Point', coordinates: [x, y] }
    : spec.geometry === 'LineString' ? { type: 'LineString', coordinates: [[x, y], [x + 0.0002, y + 0.0001]] }
      : { type: 'Polygon', coordinates: [[[x, y], [x + 0.0002, y], [x + 0.0002, y + 0.0002], [x, y + 0.0002], [x, y]]] };
  // People count at their address (OGC features, tiles) only while they live there.
  const current = spec.id === 'people' ? { moved_out: null } : {};
  return { ...(await validBody(app, spec)), geometry, address_id: place.addressId, ...current, ...extra };
}

/** Create at `place` through the API, as the app's default session (an officer of every beat). */
export async function createAt(app: FastifyInstance, spec: RegisterSpec, place: Place, extra: Record<string, unknown> = {}) {
  const response = await app.inject({ method: 'POST', url: `/api/${spec.id}`, payload: await bodyAt(app, spec, place, extra) });
  if (response.statusCode !== 201) throw new Error(`creating ${spec.id}: ${response.statusCode} ${response.body}`);
  return response.json() as { id: number; version: number } & Record<string, unknown>;
}
