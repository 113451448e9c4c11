// The workspace style: the base map plus every register layer (register-style.ts), the register
// layers inserted above the base map's lines and circles and below its labels. Pure.
import type { StyleSpecification } from 'maplibre-gl';
import { buildBaseStyle, type BaseStyleOptions } from './base-style.js';
import { registerLayers, registerSources } from './register-style.js';

/** The first base layer drawn above the register layers. */
export const REGISTER_LAYERS_BEFORE = 'addresses-label';

export function buildWorkspaceStyle(options: BaseStyleOptions & { today: string }): StyleSpecification {
  const base = buildBaseStyle(options);
  const index = base.layers.findIndex((l) => l.id === REGISTER_LAYERS_BEFORE);
  const at = index < 0 ? base.layers.length : index;
  const layers = [...base.layers.slice(0, at), ...registerLayers({ today: options.today }), ...base.layers.slice(at)];
  return { ...base, sources: { ...base.sources, ...registerSources(options.origin) }, layers };
}

/** YYYY-MM-DD of a date in local time. */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
