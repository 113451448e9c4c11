import { HttpError } from '../http/errors.js';

/** Database constraint violations turned into field-named client errors; anything else is rethrown. */
export function mapConstraintError(error: unknown, table: string): never {
  const { code, constraint, column, detail } = error as { code?: string; constraint?: string; column?: string; detail?: string };
  const field = fieldOfConstraint(constraint, table) ?? column ?? 'body';
  if (code === '23505') throw new HttpError(409, 'conflict', `${field}: is already used by another live record`, field);
  if (code === '23503') throw new HttpError(400, 'bad_request', `${field}: refers to a record that does not exist`, field);
  if (code === '23514') throw new HttpError(400, 'bad_request', `${field}: is not allowed (${constraint})`, field);
  if (code === '23502') throw new HttpError(400, 'bad_request', `${column ?? field}: is required`, column ?? field);
  if (code === '22023' || code === 'XX000' && /geometry|GEOS|parse/i.test(String((error as Error).message))) {
    throw new HttpError(400, 'bad_request', `geometry: ${(error as Error).message}`, 'geometry');
  }
  void detail;
  throw error;
}

/** `people_id_number_key` → `id_number`; `people_phone_check` → `phone`. */
function fieldOfConstraint(constraint: string | undefined, table: string): string | null {
  if (!constraint) return null;
  const rest = constraint.startsWith(`${table}_`) ? constraint.slice(table.length + 1) : constraint;
  const match = /^(.*?)_(key|check|fkey|idx)$/.exec(rest);
  if (!match?.[1]) return null;
  return match[1] === 'geom' ? 'geometry' : match[1];
}
