import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { CHANGE_SOURCES, VERIFY_METHODS, type FieldSpec, type RegisterSpec } from './register-spec.js';

/**
 * TypeBox schemas generated from a register spec: the single contract for request validation,
 * response serialization (undeclared fields never leave the server) and OpenAPI.
 */
const literalUnion = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));

/** GeoJSON geometry shape; coordinates are checked in depth by `validation/geometry-input.ts`. */
export const GeometryInput = Type.Object({
  type: Type.String(),
  coordinates: Type.Unknown(),
  bbox: Type.Optional(Type.Array(Type.Number())),
}, { additionalProperties: false, description: 'GeoJSON geometry, WGS 84 [longitude, latitude] (RFC 7946)' });

const GeometryOutput = Type.Object({ type: Type.String(), coordinates: Type.Unknown() });

function fieldSchema(field: FieldSpec): TSchema {
  const description = field.description ? { description: field.description } : {};
  switch (field.kind) {
    case 'text': return Type.String({ minLength: field.required ? 1 : 0, maxLength: field.maxLength ?? 1000, ...description });
    case 'enum': return Type.Union(field.values.map((value) => Type.Literal(value)), description);
    case 'enumSet': return Type.Array(literalUnion(field.values), { uniqueItems: true, maxItems: field.values.length, ...description });
    case 'integer': return Type.Integer({ minimum: field.min, maximum: field.max, ...description });
    case 'number': return Type.Number({ minimum: field.min, maximum: field.max, ...description });
    case 'date': return Type.String({ format: 'date', ...description });
    case 'datetime': return Type.String({ format: 'date-time', ...description });
    case 'boolean': return Type.Boolean(description);
    case 'code': return Type.String({ minLength: 1, maxLength: 10, ...description });
    case 'ref': return Type.Integer({ minimum: 1, description: field.description ?? `id of a ${field.register} record` });
  }
}

const nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);

/**
 * A response field that may be null, as one schema with a type list (`["string", "null"]`, JSON
 * Schema 2020-12 / OpenAPI 3.1) instead of `anyOf [X, null]`: the serializer picks an `anyOf` branch
 * by running the validator on every value (a date-time regex per timestamp, a third of the time a
 * page of 100 records took), a type list by `typeof`. Enums keep their values; literal unions become
 * an `enum` of strings. Inputs keep `nullable()`, where validation is the point.
 */
function nullableOutput<T extends TSchema>(schema: T) {
  const { anyOf: _anyOf, ...rest } = schema as TSchema;
  const literals = literalsOf(schema);
  if (literals) return Type.Unsafe<Static<T> | null>({ ...rest, type: ['string', 'null'], enum: [...literals, null] });
  if (typeof rest.type !== 'string') return nullable(schema);
  const items = rest.items as TSchema | undefined;
  const itemLiterals = items ? literalsOf(items) : null;
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [rest.type, 'null'], ...(itemLiterals ? { items: { type: 'string', enum: itemLiterals } } : {}) });
}

/** The values of a union of string literals, else null. */
function literalsOf(schema: TSchema): string[] | null {
  const options = (schema as { anyOf?: { const?: unknown }[] }).anyOf;
  return options?.every((option) => typeof option.const === 'string') ? options.map((option) => option.const as string) : null;
}

const writeMeta = {
  source: Type.Optional(literalUnion(CHANGE_SOURCES)),
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'why: recorded in the history' })),
};

export function createBodySchema(spec: RegisterSpec): TObject {
  const properties: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    properties[name] = field.required ? fieldSchema(field) : Type.Optional(nullable(fieldSchema(field)));
  }
  return Type.Object({
    ...properties,
    geometry: Type.Optional(nullable(GeometryInput)),
    address_id: Type.Optional(nullable(Type.Integer({ minimum: 1, description: 'standard address id' }))),
    collected_by: Type.Optional(Type.String({ maxLength: 50 })),
    ...writeMeta,
  }, { additionalProperties: false, $id: `${spec.id}-create` });
}

export function patchBodySchema(spec: RegisterSpec): TObject {
  const properties: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    properties[name] = Type.Optional(field.required ? fieldSchema(field) : nullable(fieldSchema(field)));
  }
  return Type.Object({
    ...properties,
    geometry: Type.Optional(nullable(GeometryInput)),
    address_id: Type.Optional(nullable(Type.Integer({ minimum: 1 }))),
    ...writeMeta,
  }, { additionalProperties: false, minProperties: 1, $id: `${spec.id}-patch` });
}

export function recordSchema(spec: RegisterSpec): TObject {
  const properties: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(spec.fields)) properties[name] = nullableOutput(fieldSchema(field));
  return Type.Object({
    id: Type.Integer(),
    version: Type.Integer({ description: 'bumped by every write; the ETag' }),
    ...properties,
    geometry: nullableOutput(GeometryOutput),
    address_id: nullableOutput(Type.Integer()),
    community_id: nullableOutput(Type.Integer()),
    beat_id: nullableOutput(Type.Integer()),
    collected_by: nullableOutput(Type.String()),
    verified_by: nullableOutput(Type.String()),
    verified_at: nullableOutput(Type.String({ format: 'date-time' })),
    verified_how: nullableOutput(literalUnion(VERIFY_METHODS)),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
    masked: Type.Optional(Type.Array(Type.String(), {
      description: 'fields masked or withheld in this response (personal data); POST …/{id}/reveal with a purpose returns them',
    })),
  }, { $id: `${spec.id}-record` });
}

export const DeleteBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500, description: 'why the record is deleted' }),
  source: Type.Optional(literalUnion(CHANGE_SOURCES)),
}, { additionalProperties: false });

export const VerifyBody = Type.Object({
  how: literalUnion(VERIFY_METHODS),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

export const HistoryEntry = Type.Object({
  version: Type.Integer(),
  action: literalUnion(['create', 'update', 'delete', 'verify']),
  actor: Type.String(),
  source: Type.String(),
  reason: nullableOutput(Type.String()),
  at: Type.String({ format: 'date-time' }),
  changes: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })),
});

/** List query: everything arrives as strings and is parsed with field-named errors (no coercion). */
export function listQuerySchema(spec: RegisterSpec): TObject {
  const filters: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    if ((field.kind === 'enum' || field.kind === 'ref') && field.filter) filters[name] = Type.Optional(Type.String());
  }
  return Type.Object({
    bbox: Type.Optional(Type.String({ description: 'west,south,east,north (WGS 84)' })),
    limit: Type.Optional(Type.String({ description: '1–1000, default 100' })),
    offset: Type.Optional(Type.String()),
    beat_id: Type.Optional(Type.String()),
    community_id: Type.Optional(Type.String()),
    address_id: Type.Optional(Type.String()),
    not_verified_days: Type.Optional(Type.String({ description: 'only records not verified for at least this many days' })),
    ...filters,
  }, { additionalProperties: false });
}
