import { describe, expect, it } from 'vitest';
import { buildBaseStyle, STYLE_LAYER_IDS } from '../map/base-style.js';
import { buildWorkspaceStyle } from '../map/workspace-style.js';
import { REGISTER_SOURCES } from '../map/register-style.js';
import { catalogues } from '../i18n/messages.js';
import {
  BASE_GROUP_IDS,
  REGISTER_GROUP_IDS,
  applyVisibilityToStyle,
  defaultVisibility,
  groupOfLayer,
  LAYER_GROUP_IDS,
  LAYER_GROUPS,
  layerIdsOfGroup,
  sameVisibility,
  setGroupVisible,
  visibilityFromList,
  visibilityPatches,
  visibilityToList,
} from './layer-groups.js';

const style = buildBaseStyle({ origin: 'http://127.0.0.1:3000' });

describe('layer groups', () => {
  it('has the five base groups and the six register groups in order with catalogue labels', () => {
    expect(BASE_GROUP_IDS).toEqual(['admin', 'beats', 'streets', 'buildings', 'addresses']);
    expect(REGISTER_GROUP_IDS).toEqual(['population', 'premises', 'resources', 'fire', 'patrol', 'cases']);
    expect(LAYER_GROUP_IDS).toEqual([...BASE_GROUP_IDS, ...REGISTER_GROUP_IDS]);
    for (const g of LAYER_GROUPS) expect(catalogues.zh[g.labelKey]).toBeTruthy();
  });

  it('assigns every non-background style layer to exactly one group', () => {
    for (const layer of style.layers) {
      if (layer.id === 'background') expect(groupOfLayer(layer)).toBeNull();
      else expect(groupOfLayer(layer), layer.id).not.toBeNull();
    }
    const all = LAYER_GROUP_IDS.flatMap((g) => layerIdsOfGroup(style.layers, g));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(STYLE_LAYER_IDS.length - 1);
  });

  it('lists the style layers of each group', () => {
    expect(layerIdsOfGroup(style.layers, 'admin')).toEqual([
      'communities-fill',
      'communities-outline',
      'district-halo',
      'district-outline',
      'communities-label',
      'district-label',
    ]);
    expect(layerIdsOfGroup(style.layers, 'beats')).toEqual(['beats-outline', 'beats-label']);
    expect(layerIdsOfGroup(style.layers, 'streets')).toEqual(['streets-casing', 'streets-line', 'streets-label']);
    expect(layerIdsOfGroup(style.layers, 'buildings')).toEqual(['buildings-fill', 'buildings-outline', 'buildings-label']);
    expect(layerIdsOfGroup(style.layers, 'addresses')).toEqual(['addresses-circle', 'addresses-label']);
  });
});

describe('visibility state', () => {
  it('defaults to the base groups visible (registers hidden) and serialises that as null', () => {
    const v = defaultVisibility();
    expect([...v]).toEqual(BASE_GROUP_IDS);
    expect(visibilityToList(v)).toBeNull();
    expect(sameVisibility(visibilityFromList(null), v)).toBe(true);
  });

  it('reads hash lists, ignoring unknown ids, and writes them canonically', () => {
    const v = visibilityFromList(['streets', 'nope', 'admin']);
    expect(visibilityToList(v)).toEqual(['admin', 'streets']);
    expect(visibilityToList(visibilityFromList([]))).toEqual([]);
  });

  it('toggles immutably', () => {
    const v = defaultVisibility();
    const off = setGroupVisible(v, 'streets', false);
    expect(v.has('streets')).toBe(true);
    expect(off.has('streets')).toBe(false);
    expect(setGroupVisible(off, 'streets', true).has('streets')).toBe(true);
    expect(sameVisibility(v, off)).toBe(false);
  });

  it('computes layout patches and applies them to a style copy', () => {
    const v = setGroupVisible(defaultVisibility(), 'buildings', false);
    const patches = visibilityPatches(style.layers, v);
    expect(patches.find((p) => p.layerId === 'buildings-fill')?.visibility).toBe('none');
    expect(patches.find((p) => p.layerId === 'streets-line')?.visibility).toBe('visible');
    expect(patches.find((p) => p.layerId === 'background')).toBeUndefined();

    const applied = applyVisibilityToStyle(style, v);
    const byId = (id: string) => applied.layers.find((l) => l.id === id) as { layout?: { visibility?: string } };
    expect(byId('buildings-label').layout?.visibility).toBe('none');
    expect(byId('streets-line').layout?.visibility).toBe('visible');
    // the original is untouched, other layout properties are kept
    expect((style.layers.find((l) => l.id === 'buildings-label') as { layout?: { visibility?: string } }).layout?.visibility).toBeUndefined();
    expect((byId('streets-line').layout as Record<string, unknown>)['line-cap']).toBe('round');
  });
});

describe('register groups in the workspace style', () => {
  const workspace = buildWorkspaceStyle({ origin: 'http://127.0.0.1:3000', today: '2026-01-15' });

  it('puts every register layer in one register group, hidden by default', () => {
    const registerLayers = workspace.layers.filter((l) => (REGISTER_SOURCES as readonly unknown[]).includes((l as { source?: unknown }).source));
    expect(registerLayers.length).toBeGreaterThanOrEqual(REGISTER_SOURCES.length);
    for (const layer of registerLayers) expect(REGISTER_GROUP_IDS).toContain(groupOfLayer(layer));
    expect(layerIdsOfGroup(workspace.layers, 'fire')).toEqual(['hydrants-circle', 'fire-hazards-circle', 'fire-stations-circle']);
    const applied = applyVisibilityToStyle(workspace, defaultVisibility());
    const vis = (id: string) => (applied.layers.find((l) => l.id === id) as { layout?: { visibility?: string } }).layout?.visibility;
    expect(vis('hydrants-circle')).toBe('none');
    expect(vis('streets-line')).toBe('visible');
  });

  it('writes register groups to the hash list and reads them back', () => {
    const v = setGroupVisible(defaultVisibility(), 'fire', true);
    expect(visibilityToList(v)).toEqual(['admin', 'beats', 'streets', 'buildings', 'addresses', 'fire']);
    expect(sameVisibility(visibilityFromList(visibilityToList(v)), v)).toBe(true);
  });

  it('shows cases as points or as a heatmap', () => {
    const v = setGroupVisible(defaultVisibility(), 'cases', true);
    const patch = (heat: boolean, id: string) => visibilityPatches(workspace.layers, v, { casesHeatmap: heat }).find((p) => p.layerId === id)?.visibility;
    expect(patch(false, 'cases-circle')).toBe('visible');
    expect(patch(false, 'cases-heatmap')).toBe('none');
    expect(patch(true, 'cases-circle')).toBe('none');
    expect(patch(true, 'cases-heatmap')).toBe('visible');
    const hidden = visibilityPatches(workspace.layers, defaultVisibility(), { casesHeatmap: true });
    expect(hidden.find((p) => p.layerId === 'cases-heatmap')?.visibility).toBe('none');
  });
});
