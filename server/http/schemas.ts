import { Type } from '@sinclair/typebox';

/** The body of every error response. */
export const ErrorBody = Type.Object({
  error: Type.String({ description: 'stable error code' }),
  message: Type.String({ description: 'what went wrong, naming the field' }),
  field: Type.Optional(Type.String()),
  requestId: Type.String(),
}, { $id: 'ErrorBody' });
