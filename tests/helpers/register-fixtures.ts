import type { FastifyInstance } from 'fastify';
import type { FieldSpec, RegisterSpec } from '../../server/registers/register-spec.js';
import { registerById } from '../../server/registers/specs/index.js';
import { creditCodeCheckChar, idNumberCheckDigit } from '../../server/registers/validation/identifiers.js';

import { randomInt } from 'node:crypto';

/**
 * A valid ID number (GB 11643) for a synthetic person, random so that test files and repeated runs
 * on one database don't collide on the live-unique index (20 M combinations).
 */
export function syntheticIdNumber(): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + randomInt(20_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `330203${birth}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

export function syntheticCreditCode(): string {
  const first17 = `91330203${String(randomInt(1_000_000_000)).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/** A point well inside the district (the district's point on surface). */
export async function insidePoint(app: FastifyInstance): Promise<[number, number]> {
  const { rows } = await app.database.pool.query<{ x: number; y: number }>(
    'SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM districts ORDER BY id LIMIT 1) q');
  return [rows[0]!.x, rows[0]!.y];
}

export function geometryFor(spec: RegisterSpec, [x, y]: [number, number]): Record<string, unknown> {
  if (spec.geometry === 'Point') return { type: 'Point', coordinates: [x, y] };
  if (spec.geometry === 'LineString') return { type: 'LineString', coordinates: [[x, y], [x + 0.001, y + 0.0005]] };
  return { type: 'Polygon', coordinates: [[[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]] };
}

/** A valid create body for any register, creating the records it references first. */
export async function validBody(app: FastifyInstance, spec: RegisterSpec): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = { geometry: geometryFor(spec, await insidePoint(app)) };
  for (const [name, field] of Object.entries(spec.fields)) body[name] = await validValue(app, spec, name, field);
  return body;
}

async function validValue(app: FastifyInstance, spec: RegisterSpec, name: string, field: FieldSpec): Promise<unknown> {
  switch (field.kind) {
    case 'text':
      if (field.check === 'idNumber') return syntheticIdNumber();
      if (field.check === 'creditCode') return syntheticCreditCode();
      if (field.check === 'phone') return '13812345678';
      // Random, not a counter: codes and call signs are unique among live records across test files.
      return `测${name.slice(0, 3)}${randomInt(1e9)}`.slice(0, field.maxLength ?? 100);
    case 'enum': return spec.id === 'cases' && name === 'code_system' ? 'GA240.1' : field.values[0];
    case 'enumSet': return [field.values[0]];
    case 'integer': return field.min;
    case 'number': return field.min;
    case 'date': return '2024-03-01';
    case 'datetime': return '2024-03-01T08:30:00.000Z';
    case 'boolean': return true;
    case 'code': return '050100';
    case 'ref': {
      if (field.register === 'beats') return 1;
      const target = registerById(field.register)!;
      const created = await createRecord(app, target, await validBody(app, target));
      return created.id;
    }
  }
}

export async function createRecord(app: FastifyInstance, spec: RegisterSpec, body: Record<string, unknown>): Promise<Record<string, unknown> & { id: number; version: number }> {
  const response = await app.inject({ method: 'POST', url: `/api/${spec.id}`, payload: body });
  if (response.statusCode !== 201) throw new Error(`creating ${spec.id}: ${response.statusCode} ${response.body}`);
  return response.json();
}
