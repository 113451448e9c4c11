import { Type, type Static } from '@sinclair/typebox';
import { GeometryInput } from '../registers/record-schemas.js';
import { REGISTERS } from '../registers/specs/index.js';

/** Records listed per register unless the request says otherwise, and the most it may ask for. */
export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 1000;

const RegisterId = Type.Union(REGISTERS.map((spec) => Type.Literal(spec.id)));

export const SelectionBody = Type.Object({
  geometry: GeometryInput,
  registers: Type.Optional(Type.Array(RegisterId, {
    minItems: 1, uniqueItems: true, maxItems: REGISTERS.length, description: 'registers to look in (default: all)',
  })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, description: `records per register, default ${DEFAULT_LIMIT}` })),
}, { additionalProperties: false, $id: 'SelectionBody', description: 'a GeoJSON Polygon (WGS 84) and what to list inside it' });

const SelectedRecord = Type.Object({
  id: Type.Integer(),
  label: Type.Union([Type.String(), Type.Null()], { description: 'the field that names the record' }),
  fields: Type.Record(Type.String(), Type.Unknown(), { description: "the register's fields as GET /api/<register>/{id} returns them" }),
  geometry: Type.Union([Type.Object({ type: Type.String(), coordinates: Type.Unknown() }), Type.Null()]),
});

const SelectedRegister = Type.Object({
  register: Type.String(),
  title: Type.Object({ zh: Type.String(), en: Type.String() }),
  label: Type.String({ description: 'which field is the label' }),
  total: Type.Integer({ description: 'records inside the polygon; items holds at most limit of them' }),
  items: Type.Array(SelectedRecord),
});

export const SelectionResponse = Type.Object({
  limit: Type.Integer(),
  registers: Type.Array(SelectedRegister, { description: 'registers with at least one record inside, in map order' }),
}, { $id: 'SelectionResponse' });

export type SelectionBody = Static<typeof SelectionBody>;
export type SelectionResponse = Static<typeof SelectionResponse>;
export type SelectedRegister = Static<typeof SelectedRegister>;
