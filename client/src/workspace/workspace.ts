// The map workspace of a logged-in user: the map from the pure modules, its controls, the record
// panel, search, selection, the URL hash and counts in view. Started and torn down by main.ts.
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  type IControl,
  type MapOptions,
} from 'maplibre-gl';
import { i18n, t } from '../i18n/index.js';
import {
  applyVisibilityToStyle,
  layerIdsOfGroup,
  REGISTER_GROUP_IDS,
  sameVisibility,
  visibilityFromList,
  visibilityToList,
  type LayerGroupId,
  type LayerModes,
} from '../layers/layer-groups.js';
import { LayerListControl } from '../layers/layer-list.js';
import { beatLabelField, BUILDING_USE_COLORS, BUILDING_USES, tileJsonUrl } from '../map/base-style.js';
import { casesTileUrl, clickableLayerIds, REGISTER_GROUP_SOURCES, REGISTER_LEGENDS } from '../map/register-style.js';
import { buildWorkspaceStyle, localIsoDate } from '../map/workspace-style.js';
import { HIGHLIGHT_SOURCE, highlightData, highlightLayers, highlightSource } from '../map/highlight-style.js';
import { SearchBox } from '../search/search-box.js';
import type { SearchTarget } from '../search/search-model.js';
import { SelectionControl } from '../selection/selection-tool.js';
import { createApi, type FetchLike, type RecordJson } from './api.js';
import { allowedGroups, canReveal, canWrite, hasRegisterData, styleForAccess } from '../auth/access.js';
import { type SessionInfo } from '../auth/session.js';
import { RecordPanel } from './record-panel.js';
import {
  bboxCenter,
  countFeatures,
  featureTarget,
  formatRecordRef,
  geometryBbox,
  parseRecordRef,
  type RecordRef,
} from './record-view.js';
import { LOCAL_IDEOGRAPH_FONT_FAMILY } from '../map/fonts.js';
import { readTileJson } from '../map/tilejson.js';
import { formatHash, parseHash, viewsDiffer, type MapView } from '../map/url-hash.js';
import { fetchJson, hideStatus, showStatus } from '../status.js';

declare global {
  interface Window {
    __beatAtlas?: { map: MapLibreMap; panel?: RecordPanel; search?: SearchBox; selection?: SelectionControl };
  }
}

/** Fallback view (Haishu District) when neither the hash nor the district TileJSON gives one. */
const FALLBACK_CENTER: [number, number] = [121.55, 29.87];
const FALLBACK_ZOOM = 12;
/** How long the map must stay still before the per-group counts in view are taken (see updateCounts). */
const COUNT_DELAY_MS = 250;

function mapLocale(): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': t('mapui.zoomIn'),
    'NavigationControl.ZoomOut': t('mapui.zoomOut'),
    'NavigationControl.ResetBearing': t('mapui.resetBearing'),
    'Map.Title': t('mapui.mapTitle'),
    'AttributionControl.ToggleAttribution': t('mapui.toggleAttribution'),
    'ScaleControl.Meters': t('mapui.meters'),
    'ScaleControl.Kilometers': t('mapui.kilometers'),
    'ScaleControl.Feet': t('mapui.feet'),
    'ScaleControl.Miles': t('mapui.miles'),
    'ScaleControl.NauticalMiles': t('mapui.nauticalMiles'),
  };
}

function currentView(map: MapLibreMap): MapView {
  const c = map.getCenter();
  return { zoom: map.getZoom(), lat: c.lat, lng: c.lng, bearing: map.getBearing(), pitch: map.getPitch() };
}

/** What the workspace needs from the app around it: the session and the two ways out of it. */
export interface WorkspaceContext {
  session: SessionInfo;
  /** fetch with the CSRF header on unsafe methods and the 401 → login screen rule. */
  fetch: FetchLike;
  /** The session is over (a 401 the fetch wrapper did not see, e.g. a tile). */
  onUnauthenticated: () => void;
}

/**
 * Builds the map workspace for a full session; returns its teardown (session expired, logout). The
 * map, its controls, the panels and every window/i18n listener go with it, so a new login starts clean.
 */
export function startWorkspace(context: WorkspaceContext): () => void {
  const { access } = context.session;
  const listeners = new AbortController();
  const on = <K extends keyof WindowEventMap>(type: K, handler: (event: WindowEventMap[K]) => void) =>
    window.addEventListener(type, handler, { signal: listeners.signal });
  const unsubscribe: Array<() => void> = [];
  const cleanup: Array<() => void> = [];
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    listeners.abort();
    for (const fn of unsubscribe) fn();
    for (const fn of cleanup.reverse()) fn();
    delete window.__beatAtlas;
    delete document.body.dataset.mapIdle;
    hideStatus();
  };
  showStatus(t('status.loading'));
  void buildWorkspace().catch((error: unknown) => {
    if (disposed) return;
    console.error('[beat-atlas] failed to start', error);
    showStatus(t('status.tilesError'), 'error');
  });
  return dispose;

  async function buildWorkspace(): Promise<void> {
    const registerData = hasRegisterData(access);
    const groups = allowedGroups(access);
    const initial = parseHash(window.location.hash);
    // Groups in the URL the role can't see (a link from a colleague) are simply not shown.
    const permitted = (set: Set<LayerGroupId>) => new Set([...set].filter((g) => groups.includes(g)));
    let visible: Set<LayerGroupId> = permitted(visibilityFromList(initial?.layers));
    let modes: LayerModes = { casesHeatmap: false };
    // Only the sources this role may load: a register it can't read would be refused tile by tile.
    const baseStyle = styleForAccess(buildWorkspaceStyle({
      origin: window.location.origin,
      officerPrefix: t('map.officerPrefix'),
      today: localIsoDate(new Date()),
    }), access);
    const style = applyVisibilityToStyle(baseStyle, visible, modes);
    const clickable = clickableLayerIds(baseStyle.layers);
    const registerGroups = REGISTER_GROUP_IDS.filter((g) => groups.includes(g));

    const options: MapOptions = {
      container: 'map',
      style,
      hash: false,
      attributionControl: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      locale: mapLocale(),
      // Labels appear at once instead of fading in: every fade frame is a full repaint, which delays
      // the first idle (the first meaningful render) on software WebGL by seconds.
      fadeDuration: 0,
      maxPitch: 60,
      center: FALLBACK_CENTER,
      zoom: FALLBACK_ZOOM,
    };
    if (initial?.view) {
      const v = initial.view;
      Object.assign(options, { center: [v.lng, v.lat], zoom: v.zoom, bearing: v.bearing ?? 0, pitch: v.pitch ?? 0 });
    } else if (access.baseMap) {
      try {
        const district = readTileJson(await fetchJson(tileJsonUrl(window.location.origin, 'district'), 10_000, context.fetch));
        if (district.bounds) {
          options.bounds = district.bounds;
          options.fitBoundsOptions = { padding: 32 };
        } else if (district.center) {
          options.center = [district.center.lng, district.center.lat];
          options.zoom = district.center.zoom ?? FALLBACK_ZOOM;
        } else {
          showStatus(t('status.boundsFailed'), 'error', 6_000);
        }
      } catch {
        showStatus(t('status.boundsFailed'), 'error', 6_000);
      }
      if (disposed) return; // logged out (or expired) while the district was loading
    }

    const map = new MapLibreMap(options);
    cleanup.push(() => map.remove());
    window.__beatAtlas = { map };

    // Controls. Navigation/scale/attribution read their texts when added, so they are re-created on a
    // language switch.
    let uiControls: IControl[] = [];
    const addUiControls = () => {
      for (const control of uiControls) map.removeControl(control);
      uiControls = [
        new NavigationControl({ visualizePitch: true }),
        new ScaleControl({ unit: 'metric', maxWidth: 120 }),
        new AttributionControl({ compact: true, customAttribution: t('map.attribution') }),
      ];
      map.addControl(uiControls[0]!, 'top-right');
      map.addControl(uiControls[1]!, 'bottom-left');
      map.addControl(uiControls[2]!, 'bottom-right');
    };
    addUiControls();

    // URL hash: the view, the visible layer groups and the open record.
    const writeHash = () => {
      const next = formatHash({ view: currentView(map), layers: visibilityToList(visible) }, window.location.hash);
      if (next !== window.location.hash) window.history.replaceState(window.history.state, '', next);
    };
    /** A new history entry for the open record (so back/forward go from record to record). */
    const pushRecordHash = (ref: RecordRef | null) => {
      const next = formatHash(
        { view: currentView(map), layers: visibilityToList(visible), record: ref ? formatRecordRef(ref) : null },
        window.location.hash,
      );
      if (next !== window.location.hash) window.history.pushState(null, '', next);
    };

    const flyToGeometry = (geometry: unknown) => {
      const box = geometryBbox(geometry);
      if (!box) return;
      const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
      if (box[0] === box[2] && box[1] === box[3]) {
        const options = { center: bboxCenter(box), zoom: Math.max(map.getZoom(), 16) };
        if (reduced) map.jumpTo(options);
        else map.flyTo({ ...options, duration: 800 });
      } else {
        map.fitBounds([box[0], box[1], box[2], box[3]], { padding: 80, maxZoom: 17, duration: reduced ? 0 : 800 });
      }
    };

    // The open record, drawn over the map (people never: they are counts on the map). Its source and
    // layers are added with the first record that has something to draw, not when the map loads: an
    // empty GeoJSON source added then still cut its tiles and repainted the map three times before
    // the first idle — a third of a second of the first render on software WebGL.
    let highlighted: { register: string | null; geometry: unknown } = { register: null, geometry: null };
    let mapLoaded = false;
    const showHighlight = () => {
      const data = highlightData(highlighted.register, highlighted.geometry);
      const source = map.getSource(HIGHLIGHT_SOURCE) as import('maplibre-gl').GeoJSONSource | undefined;
      if (source) source.setData(data);
      else if (mapLoaded && data.features.length > 0) {
        map.addSource(HIGHLIGHT_SOURCE, highlightSource(data));
        for (const layer of highlightLayers()) map.addLayer(layer);
      }
    };
    map.once('load', () => {
      mapLoaded = true;
      showHighlight(); // a record opened (from the URL) before the map had loaded
    });

    const api = createApi(context.fetch);
    const main = document.querySelector<HTMLElement>('.app-main') ?? document.body;
    const panel = new RecordPanel(main, {
      api,
      t,
      permissions: { write: (register) => canWrite(access, register), reveal: (register) => canReveal(access, register) },
      onRecordChange: (ref, record) => {
        highlighted = { register: ref?.register ?? null, geometry: record?.geometry ?? null };
        showHighlight();
      },
      onFollowLink: (ref) => {
        pushRecordHash(ref);
        void panel.openRecord(ref).then((record) => {
          if (record) flyToGeometry(record.geometry);
        });
      },
      onClose: () => {
        pushRecordHash(null);
        if (document.activeElement === document.body) map.getCanvas().focus();
      },
    });
    cleanup.push(() => panel.element.remove());
    window.__beatAtlas.panel = panel;
    const openFromHash = (record: string | null | undefined, fly: boolean) => {
      const ref = registerData ? parseRecordRef(record) : null;
      if (!ref) {
        if (panel.openRef) panel.close();
        return;
      }
      if (panel.isShowing(ref)) return;
      void panel.openRecord(ref).then((loaded) => {
        if (loaded && fly) flyToGeometry(loaded.geometry);
      });
    };
    openFromHash(initial?.record, !initial?.view);

    /** Opens a record in the panel as a new history entry and flies to it (search hits, selection lists). */
    const openAndFly = (ref: RecordRef, fallback: [number, number] | null = null) => {
      if (!panel.isShowing(ref)) pushRecordHash(ref);
      void panel.openRecord(ref).then((record: RecordJson | null) => {
        if (record && geometryBbox(record.geometry)) flyToGeometry(record.geometry);
        else if (record && fallback) flyToGeometry({ type: 'Point', coordinates: fallback });
      });
    };

    // Search and spatial selection only for roles with register data (the server filters what they find).
    let search: SearchBox | null = null;
    let selection: SelectionControl | null = null;
    if (registerData) {
      search = new SearchBox(document.querySelector<HTMLElement>('.header-tools') ?? document.body, {
        api,
        t,
        onChoose: (target: SearchTarget) => {
          if (target.kind === 'record') openAndFly(target.ref, target.lngLat);
          else flyToGeometry({ type: 'Point', coordinates: target.lngLat });
        },
      });
      search.element.parentElement?.prepend(search.element);
      const searchElement = search.element;
      cleanup.push(() => searchElement.remove());
      window.__beatAtlas.search = search;

      selection = new SelectionControl({
        api,
        t,
        onOpenRecord: (ref) => openAndFly(ref),
        panelParent: main,
      });
      map.addControl(selection, 'top-right');
      window.__beatAtlas.selection = selection;
    }

    const layerList = new LayerListControl({
      layers: baseStyle.layers,
      visible,
      t,
      groups,
      ...(registerData ? {} : { noteKey: 'access.noRegisterData' as const }),
      onChange: (next) => {
        visible = next;
        writeHash();
        updateCounts();
      },
      modes,
      onModesChange: (next) => {
        const rangeChanged = next.casesFrom !== modes.casesFrom || next.casesTo !== modes.casesTo;
        modes = next;
        const cases = map.getSource('cases') as { setTiles?: (tiles: string[]) => unknown } | undefined;
        if (rangeChanged) cases?.setTiles?.([casesTileUrl(location.origin, modes.casesFrom, modes.casesTo)]);
      },
      countedGroups: registerGroups,
      legends: {
        buildings: {
          titleKey: 'legend.buildingUse',
          items: BUILDING_USES.map((use) => ({ color: BUILDING_USE_COLORS[use], labelKey: `legend.use.${use}` as const })),
        },
        ...REGISTER_LEGENDS,
      },
    });
    map.addControl(layerList, 'top-left');

    // Features in view per register group (distinct records; tiles repeat features at their edges).
    const updateCounts = () => {
      if (!map.isStyleLoaded()) return;
      const counted: Record<string, readonly string[]> = {};
      const layers: string[] = [];
      for (const group of registerGroups) {
        if (!visible.has(group)) continue;
        counted[group] = REGISTER_GROUP_SOURCES[group as keyof typeof REGISTER_GROUP_SOURCES];
        for (const id of layerIdsOfGroup(baseStyle.layers, group)) if (clickable.includes(id) && map.getLayer(id)) layers.push(id);
      }
      const features = layers.length > 0 ? map.queryRenderedFeatures({ layers }) : [];
      const counts = countFeatures(features, counted);
      layerList.setCounts(Object.fromEntries(registerGroups.map((g) => [g, visible.has(g) ? (counts[g] ?? 0) : null])));
    };
    // Counted a moment after the map settles, and not at all while it moves again: querying a
    // thousand rendered features takes tens of milliseconds of the main thread, which in the pause
    // between two pans would land as one long frame of the next.
    let countsDirty = true;
    let countTimer: ReturnType<typeof setTimeout> | undefined;
    map.on('moveend', () => {
      countsDirty = true;
    });
    map.on('sourcedata', (event: { isSourceLoaded?: boolean }) => {
      if (event.isSourceLoaded) countsDirty = true;
    });
    map.on('movestart', () => clearTimeout(countTimer));
    map.on('idle', () => {
      if (!countsDirty) return;
      clearTimeout(countTimer);
      countTimer = setTimeout(() => {
        if (map.isMoving()) return; // the next moveend and idle count again
        countsDirty = false;
        updateCounts();
      }, COUNT_DELAY_MS);
    });
    cleanup.push(() => clearTimeout(countTimer));

    // Clicking a register feature opens it in the panel.
    const visibleClickable = () => clickable.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
    map.on('click', (event) => {
      if (selection?.isDrawing) return; // the click is a corner of the shape being drawn
      const layers = visibleClickable();
      if (layers.length === 0) return;
      const [feature] = map.queryRenderedFeatures(event.point, { layers });
      if (!feature) return;
      const target = featureTarget({ source: feature.source, id: feature.id, properties: feature.properties });
      if (!target) return;
      if (target.kind === 'cell') {
        // A grid cell of many cases: zoom in towards single cases (z17) rather than open one of them.
        map.easeTo({ center: event.lngLat, zoom: Math.min(map.getZoom() + 2, 17) });
        return;
      }
      if (target.kind === 'record') {
        if (!panel.isShowing(target.ref)) pushRecordHash(target.ref);
        void panel.openRecord(target.ref);
      } else {
        if (panel.openRef) pushRecordHash(null);
        void panel.openBuilding(target.id, target.counts, geometryBbox(feature.geometry));
      }
    });
    map.on('mousemove', (event) => {
      const layers = visibleClickable();
      const hit = layers.length > 0 && map.queryRenderedFeatures(event.point, { layers }).length > 0;
      map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });

    map.on('moveend', writeHash);
    map.once('load', writeHash);
    const onHistory = () => {
      const state = parseHash(window.location.hash);
      openFromHash(state?.record, false);
      if (!state) return;
      if (state.view && viewsDiffer(currentView(map), state.view)) {
        const v = state.view;
        map.jumpTo({ center: [v.lng, v.lat], zoom: v.zoom, bearing: v.bearing ?? 0, pitch: v.pitch ?? 0 });
      }
      const next = permitted(visibilityFromList(state.layers));
      if (!sameVisibility(next, visible)) {
        visible = next;
        layerList.setVisibility(next);
      }
    };
    // Back/forward between records: pushState entries fire popstate, typed hashes fire hashchange.
    on('hashchange', onHistory);
    on('popstate', onHistory);

    // Readiness flag for tests and monitoring: the first idle once the style is loaded.
    const onIdle = () => {
      if (!map.isStyleLoaded()) return;
      map.off('idle', onIdle);
      // Navigation start → first idle with the base layers drawn: read by `npm run bench -- first-render`.
      performance.mark('beat-atlas:first-idle');
      document.body.dataset.mapIdle = '1';
      hideStatus();
    };
    map.on('idle', onIdle);

    map.on('error', (event: { error?: unknown; sourceId?: string }) => {
      const error = event.error as { message?: string; status?: number; url?: string } | undefined;
      // Tiles and TileJSON are fetched by MapLibre, not through our fetch: their 401 ends the session too.
      if (error?.status === 401) {
        context.onUnauthenticated();
        return;
      }
      console.warn('[beat-atlas] map error:', error?.message ?? String(error), error?.status ?? '', error?.url ?? '');
      if (event.sourceId) showStatus(t('status.tilesError'), 'error', 6_000);
    });

    unsubscribe.push(i18n.onChange(() => {
      layerList.relabel();
      panel.relabel();
      search?.relabel();
      selection?.relabel();
      map._locale = { ...map._locale, ...mapLocale() };
      addUiControls();
      // The re-added zoom buttons go last in their corner: keep the selection tools below them.
      const tools = document.querySelector<HTMLElement>('.selection-tools');
      tools?.parentElement?.append(tools);
      if (map.getLayer('beats-label')) map.setLayoutProperty('beats-label', 'text-field', beatLabelField(t('map.officerPrefix')));
    }));

    // Skip link: focus the map without touching the URL hash.
    const skip = document.querySelector<HTMLAnchorElement>('.skip-link');
    skip?.addEventListener('click', (event) => {
      event.preventDefault();
      map.getCanvas().focus();
    }, { signal: listeners.signal });
  }
}
