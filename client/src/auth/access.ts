// What the workspace offers a role, from the session's `access` (server/auth/policy.ts decides; the
// server filters every answer anyway). The point here is not security but not asking for what will be
// refused: no tile sources for registers the role can't read (each would be a failed request and an
// error on the map), no Edit button where a save would be a 403. Pure.
import type { StyleSpecification } from 'maplibre-gl';
import { LAYER_GROUPS, type LayerGroupId } from '../layers/layer-groups.js';
import { BASE_LAYERS } from '../map/base-style.js';
import { REGISTER_SOURCES, registerOfSource } from '../map/register-style.js';
import type { Access } from './session.js';

/** The vector sources the role may load: the base map when allowed, and the registers it reads. */
export function allowedSources(access: Access): Set<string> {
  const out = new Set<string>();
  if (access.baseMap) for (const layer of BASE_LAYERS) out.add(layer);
  for (const source of REGISTER_SOURCES) {
    const register = registerOfSource(source);
    if (register && access.read.includes(register)) out.add(source);
  }
  return out;
}

/** The style without the sources the role may not load and the layers drawn from them. */
export function styleForAccess<S extends Pick<StyleSpecification, 'sources' | 'layers'>>(style: S, access: Access): S {
  const allowed = allowedSources(access);
  const sources = Object.fromEntries(Object.entries(style.sources).filter(([id]) => allowed.has(id)));
  const layers = style.layers.filter((layer) => !('source' in layer) || typeof layer.source !== 'string' || allowed.has(layer.source));
  return { ...style, sources, layers };
}

/** Layer groups the list shows: those with at least one allowed source (base groups with the base map). */
export function allowedGroups(access: Access): LayerGroupId[] {
  const allowed = allowedSources(access);
  return LAYER_GROUPS.filter((group) => (group.sources as readonly string[]).some((s) => allowed.has(s))).map((g) => g.id);
}

/** True when the role reads no register at all (auditor, admin): the workspace is a base map only. */
export function hasRegisterData(access: Access): boolean {
  return access.read.length > 0;
}

export const canWrite = (access: Access, register: string): boolean => access.write.includes(register);
export const canReveal = (access: Access, register: string): boolean => access.reveal.includes(register);
