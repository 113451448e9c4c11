import { scopeParam, type BeatScope } from '../access/jurisdiction.js';
import type { TileLayer } from './tile-layers.js';

/**
 * Jurisdiction in register tiles: the layer's SQL holds `$SCOPE` conditions, bound to the parameter
 * after the tile's own (and the time range's) when a statement is built, so one prepared statement
 * serves every caller. Its value is the caller's beats, or NULL for the whole district.
 */
const SCOPE_TOKEN = '$SCOPE';

/** `column` within the caller's beats, over the scope parameter (NULL: the whole district). */
export const scopeCondition = (column: string) => `(${SCOPE_TOKEN}::integer[] IS NULL OR ${column} = ANY(${SCOPE_TOKEN}::integer[]))`;

/** A statement of `layer` with its scope conditions bound to parameter `$position` (the one after the time range). */
export function bindScope(layer: TileLayer, text: string, firstAfterTile: number): string {
  if (!layer.register) return text;
  return text.replaceAll(SCOPE_TOKEN, `$${firstAfterTile + (layer.timeColumn ? 2 : 0)}`);
}

/** The scope parameter, for register layers. */
export const scopeValues = (layer: TileLayer, scope: BeatScope): (string | null)[] => (layer.register ? [scopeParam(scope)] : []);
