// Layer groups of the layer list, and their visibility state. Pure (no DOM, no MapLibre at runtime).
//
// A style layer belongs to the group of its source; layers without a source (background) belong to
// none and are always shown. Visibility is a set of visible group ids; it is kept in the URL hash as
// `layers=a,b`, and left out of the hash when it equals the default (all visible).
import type { MessageKey } from '../i18n/messages.js';
import { layerShownInMode, REGISTER_GROUP_SOURCES } from '../map/register-style.js';

export interface LayerGroup {
  id: string;
  /** Vector sources (base layers or register tile layers) whose style layers belong to this group. */
  sources: readonly string[];
  labelKey: MessageKey;
  /** Base map groups are visible by default; register groups (the workspace's data) are not. */
  kind: 'base' | 'register';
}

export const LAYER_GROUPS = [
  { id: 'admin', sources: ['district', 'communities'], labelKey: 'layers.group.admin', kind: 'base' },
  { id: 'beats', sources: ['beats'], labelKey: 'layers.group.beats', kind: 'base' },
  { id: 'streets', sources: ['streets'], labelKey: 'layers.group.streets', kind: 'base' },
  { id: 'buildings', sources: ['buildings'], labelKey: 'layers.group.buildings', kind: 'base' },
  { id: 'addresses', sources: ['addresses'], labelKey: 'layers.group.addresses', kind: 'base' },
  { id: 'population', sources: REGISTER_GROUP_SOURCES.population, labelKey: 'layers.group.population', kind: 'register' },
  { id: 'premises', sources: REGISTER_GROUP_SOURCES.premises, labelKey: 'layers.group.premises', kind: 'register' },
  { id: 'resources', sources: REGISTER_GROUP_SOURCES.resources, labelKey: 'layers.group.resources', kind: 'register' },
  { id: 'fire', sources: REGISTER_GROUP_SOURCES.fire, labelKey: 'layers.group.fire', kind: 'register' },
  { id: 'patrol', sources: REGISTER_GROUP_SOURCES.patrol, labelKey: 'layers.group.patrol', kind: 'register' },
  { id: 'cases', sources: REGISTER_GROUP_SOURCES.cases, labelKey: 'layers.group.cases', kind: 'register' },
] as const satisfies readonly LayerGroup[];

export type LayerGroupId = (typeof LAYER_GROUPS)[number]['id'];

export const LAYER_GROUP_IDS: readonly LayerGroupId[] = LAYER_GROUPS.map((g) => g.id);

export const BASE_GROUP_IDS: readonly LayerGroupId[] = LAYER_GROUPS.filter((g) => g.kind === 'base').map((g) => g.id);
export const REGISTER_GROUP_IDS: readonly LayerGroupId[] = LAYER_GROUPS.filter((g) => g.kind === 'register').map((g) => g.id);

export type Visibility = ReadonlySet<LayerGroupId>;

/** Minimal view of a style layer (works for LayerSpecification and for map.getStyle().layers). */
export interface StyleLayerLike {
  id: string;
  source?: unknown;
  metadata?: unknown;
}

/** Display modes that pick among a group's layers (cases: points or heatmap). */
export interface LayerModes {
  casesHeatmap?: boolean;
  /** Cases of these days only (YYYY-MM-DD, inclusive; open when unset): the tiles' `?from=&to=`. */
  casesFrom?: string;
  casesTo?: string;
}

export function isLayerGroupId(value: unknown): value is LayerGroupId {
  return typeof value === 'string' && (LAYER_GROUP_IDS as readonly string[]).includes(value);
}

export function groupOfSource(source: unknown): LayerGroupId | null {
  if (typeof source !== 'string') return null;
  for (const group of LAYER_GROUPS) {
    if ((group.sources as readonly string[]).includes(source)) return group.id;
  }
  return null;
}

export function groupOfLayer(layer: StyleLayerLike): LayerGroupId | null {
  return groupOfSource(layer.source);
}

/** Style layer ids of a group, in style order. */
export function layerIdsOfGroup(layers: readonly StyleLayerLike[], group: LayerGroupId): string[] {
  return layers.filter((l) => groupOfLayer(l) === group).map((l) => l.id);
}

/** The base map groups visible, the register groups hidden. */
export function defaultVisibility(): Set<LayerGroupId> {
  return new Set(BASE_GROUP_IDS);
}

/** From the hash's `layers` list: null → defaults; unknown ids are ignored. */
export function visibilityFromList(list: readonly string[] | null | undefined): Set<LayerGroupId> {
  if (list == null) return defaultVisibility();
  return new Set(list.filter(isLayerGroupId));
}

/** For the hash: null when equal to the default, else the visible ids in canonical order. */
export function visibilityToList(visible: Visibility): LayerGroupId[] | null {
  const list = LAYER_GROUP_IDS.filter((id) => visible.has(id));
  return sameVisibility(new Set(list), defaultVisibility()) ? null : list;
}

export function setGroupVisible(visible: Visibility, group: LayerGroupId, on: boolean): Set<LayerGroupId> {
  const next = new Set(visible);
  if (on) next.add(group);
  else next.delete(group);
  return next;
}

export function sameVisibility(a: Visibility, b: Visibility): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

export type LayoutVisibility = 'visible' | 'none';

/** The layout visibility each grouped style layer should have. */
export function visibilityPatches(
  layers: readonly StyleLayerLike[],
  visible: Visibility,
  modes: LayerModes = {},
): Array<{ layerId: string; visibility: LayoutVisibility }> {
  const out: Array<{ layerId: string; visibility: LayoutVisibility }> = [];
  for (const layer of layers) {
    const group = groupOfLayer(layer);
    if (group) out.push({ layerId: layer.id, visibility: layerVisible(layer, group, visible, modes) ? 'visible' : 'none' });
  }
  return out;
}

function layerVisible(layer: StyleLayerLike, group: LayerGroupId, visible: Visibility, modes: LayerModes): boolean {
  return visible.has(group) && layerShownInMode(layer, modes.casesHeatmap === true);
}

/** Returns a copy of a style with layout.visibility set from `visible` (for the initial style). */
export function applyVisibilityToStyle<S extends { layers: readonly StyleLayerLike[] }>(style: S, visible: Visibility, modes: LayerModes = {}): S {
  const layers = style.layers.map((layer) => {
    const group = groupOfLayer(layer);
    if (!group) return layer;
    const l = layer as StyleLayerLike & { layout?: Record<string, unknown> };
    return { ...l, layout: { ...(l.layout ?? {}), visibility: layerVisible(layer, group, visible, modes) ? 'visible' : 'none' } };
  });
  return { ...style, layers };
}
