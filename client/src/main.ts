// DOM glue of the Beat Atlas client: builds the map from the pure modules, wires controls, the URL
// hash, the language switch and the health badge. Everything testable lives in the pure modules.
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';

import {
  addProtocol,
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  type IControl,
  type MapOptions,
} from 'maplibre-gl';
import { summariseHealth } from './health.js';
import { HTML_LANG, i18n, isLang, isMessageKey, t, type Lang } from './i18n/index.js';
import {
  applyVisibilityToStyle,
  sameVisibility,
  visibilityFromList,
  visibilityToList,
  type LayerGroupId,
} from './layers/layer-groups.js';
import { LayerListControl } from './layers/layer-list.js';
import { beatLabelField, buildBaseStyle, BUILDING_USE_COLORS, BUILDING_USES, tileJsonUrl } from './map/base-style.js';
import { GLYPH_PROTOCOL, LOCAL_IDEOGRAPH_FONT_FAMILY } from './map/fonts.js';
import { createGlyphProtocolHandler } from './map/local-glyphs.js';
import { readTileJson } from './map/tilejson.js';
import { formatHash, parseHash, viewsDiffer, type MapView } from './map/url-hash.js';

declare global {
  interface Window {
    __beatAtlas?: { map: MapLibreMap };
  }
}

/** Fallback view (Haishu District) when neither the hash nor the district TileJSON gives one. */
const FALLBACK_CENTER: [number, number] = [121.55, 29.87];
const FALLBACK_ZOOM = 12;

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

/** Sets text and attributes of elements marked data-i18n / data-i18n-<attr> from the catalogue. */
function translateDom(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n;
    if (isMessageKey(key)) el.textContent = t(key);
  }
  for (const attr of ['aria-label', 'title'] as const) {
    const dataKey = `i18n${attr === 'title' ? 'Title' : 'AriaLabel'}` as const;
    for (const el of root.querySelectorAll<HTMLElement>(`[data-i18n-${attr}]`)) {
      const key = el.dataset[dataKey];
      if (isMessageKey(key)) el.setAttribute(attr, t(key));
    }
  }
}

function applyLanguage(lang: Lang): void {
  document.documentElement.lang = HTML_LANG[lang];
  document.title = t('app.documentTitle');
  translateDom(document);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
}

let statusTimer: number | undefined;
function showStatus(text: string, kind: 'info' | 'error' = 'info', hideAfterMs = 0): void {
  const el = document.getElementById('status');
  if (!el) return;
  el.textContent = text;
  el.dataset.kind = kind;
  el.hidden = false;
  window.clearTimeout(statusTimer);
  if (hideAfterMs > 0) statusTimer = window.setTimeout(hideStatus, hideAfterMs);
}
function hideStatus(): void {
  const el = document.getElementById('status');
  if (el) el.hidden = true;
}

async function fetchJson(url: string, timeoutMs = 10_000): Promise<unknown> {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    // /api/health answers 503 with a JSON body while degraded: read it anyway.
    return (await response.json()) as unknown;
  } finally {
    window.clearTimeout(timer);
  }
}

async function updateHealth(): Promise<void> {
  const badge = document.getElementById('health');
  if (!badge) return;
  let body: unknown = null;
  try {
    body = await fetchJson('/api/health', 8_000);
  } catch {
    body = null;
  }
  const render = () => {
    const summary = summariseHealth(body);
    badge.dataset.state = summary.state;
    const label = badge.querySelector<HTMLElement>('.health__label');
    if (label) {
      delete label.dataset.i18n; // the badge's own text from now on, not the static placeholder
      label.textContent = t(summary.labelKey);
    }
    if (summary.detail) {
      badge.title = t('health.detail', {
        mode: summary.detail.mode,
        postgis: summary.detail.postgis ?? t('health.no'),
        schemaVersion: summary.detail.schemaVersion ?? '—',
      });
    } else {
      badge.removeAttribute('title');
    }
  };
  render();
  i18n.onChange(render);
}

function currentView(map: MapLibreMap): MapView {
  const c = map.getCenter();
  return { zoom: map.getZoom(), lat: c.lat, lng: c.lng, bearing: map.getBearing(), pitch: map.getPitch() };
}

async function main(): Promise<void> {
  applyLanguage(i18n.lang);
  showStatus(t('status.loading'));
  void updateHealth();

  addProtocol(GLYPH_PROTOCOL, createGlyphProtocolHandler());

  const initial = parseHash(window.location.hash);
  let visible: Set<LayerGroupId> = visibilityFromList(initial?.layers);
  const baseStyle = buildBaseStyle({ origin: window.location.origin, officerPrefix: t('map.officerPrefix') });
  const style = applyVisibilityToStyle(baseStyle, visible);

  const options: MapOptions = {
    container: 'map',
    style,
    hash: false,
    attributionControl: false,
    localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
    locale: mapLocale(),
    maxPitch: 60,
    center: FALLBACK_CENTER,
    zoom: FALLBACK_ZOOM,
  };
  if (initial?.view) {
    const v = initial.view;
    Object.assign(options, { center: [v.lng, v.lat], zoom: v.zoom, bearing: v.bearing ?? 0, pitch: v.pitch ?? 0 });
  } else {
    try {
      const district = readTileJson(await fetchJson(tileJsonUrl(window.location.origin, 'district')));
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
  }

  const map = new MapLibreMap(options);
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

  // URL hash: the view and the visible layer groups.
  const writeHash = () => {
    const next = formatHash({ view: currentView(map), layers: visibilityToList(visible) }, window.location.hash);
    if (next !== window.location.hash) window.history.replaceState(window.history.state, '', next);
  };

  const layerList = new LayerListControl({
    layers: baseStyle.layers,
    visible,
    t,
    onChange: (next) => {
      visible = next;
      writeHash();
    },
    legends: {
      buildings: {
        titleKey: 'legend.buildingUse',
        items: BUILDING_USES.map((use) => ({ color: BUILDING_USE_COLORS[use], labelKey: `legend.use.${use}` as const })),
      },
    },
  });
  map.addControl(layerList, 'top-left');

  map.on('moveend', writeHash);
  map.once('load', writeHash);
  window.addEventListener('hashchange', () => {
    const state = parseHash(window.location.hash);
    if (!state) return;
    if (state.view && viewsDiffer(currentView(map), state.view)) {
      const v = state.view;
      map.jumpTo({ center: [v.lng, v.lat], zoom: v.zoom, bearing: v.bearing ?? 0, pitch: v.pitch ?? 0 });
    }
    const next = visibilityFromList(state.layers);
    if (!sameVisibility(next, visible)) {
      visible = next;
      layerList.setVisibility(next);
    }
  });

  // Readiness flag for tests and monitoring: the first idle once the style is loaded.
  const onIdle = () => {
    if (!map.isStyleLoaded()) return;
    map.off('idle', onIdle);
    document.body.dataset.mapIdle = '1';
    hideStatus();
  };
  map.on('idle', onIdle);

  map.on('error', (event: { error?: unknown; sourceId?: string }) => {
    const error = event.error as { message?: string; status?: number; url?: string } | undefined;
    console.warn('[beat-atlas] map error:', error?.message ?? String(error), error?.status ?? '', error?.url ?? '');
    if (event.sourceId) showStatus(t('status.tilesError'), 'error', 6_000);
  });

  // Language switch.
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.addEventListener('click', () => {
      const lang = button.dataset.lang;
      if (isLang(lang)) i18n.setLang(lang);
    });
  }
  i18n.onChange((lang) => {
    applyLanguage(lang);
    layerList.relabel();
    map._locale = { ...map._locale, ...mapLocale() };
    addUiControls();
    if (map.getLayer('beats-label')) map.setLayoutProperty('beats-label', 'text-field', beatLabelField(t('map.officerPrefix')));
  });
  // Another tab switched the language.
  window.addEventListener('storage', (event) => {
    if (event.key && event.newValue && isLang(event.newValue) && event.newValue !== i18n.lang) i18n.setLang(event.newValue);
  });

  // Skip link: focus the map without touching the URL hash.
  document.querySelector<HTMLAnchorElement>('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    map.getCanvas().focus();
  });
}

void main().catch((error: unknown) => {
  console.error('[beat-atlas] failed to start', error);
  showStatus(t('status.tilesError'), 'error');
});
