// Spatial selection: draw a polygon or a circle on the map (terra-draw) and list the records inside
// per register (POST /api/selection), with CSV and GeoJSON export. DOM glue only: the files come from
// selection-export.ts (pure, tested), the records from api.ts.
//
// The toolbar is a MapLibre control (listeners attached in onAdd, detached in onRemove); the result
// list is a region at the bottom left. Choosing a listed record opens it in the record panel.
// terra-draw is loaded and started on the first drawing, not with the page: it adds sources and
// layers the first render would otherwise wait for.
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';
import type { TerraDraw } from 'terra-draw';
import type { MessageKey, Params } from '../i18n/index.js';
import type { Api, PolygonGeometry, SelectedRegister } from '../workspace/api.js';
import { isRegisterId } from '../map/register-style.js';
import { registerLabel, type RecordRef } from '../workspace/record-view.js';
import { CSV_MIME, exportFileName, GEOJSON_MIME, selectionCounts, selectionCsv, selectionGeoJson } from './selection-export.js';
import { bboxPolygon } from './selection-geometry.js';

/** Records listed per register (the server allows up to 1,000). */
const LIST_LIMIT = 500;
const DRAW_COLOR = '#0b63ce';

type DrawMode = 'polygon' | 'circle';

export interface SelectionOptions {
  api: Pick<Api, 'selection'>;
  t: (key: MessageKey, params?: Params) => string;
  /** A listed record was chosen. */
  onOpenRecord: (ref: RecordRef) => void;
  /** Where the result list goes (the map's parent). */
  panelParent: HTMLElement;
  now?: () => Date;
}

type State =
  | { kind: 'idle' }
  | { kind: 'drawing'; mode: DrawMode }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'result'; registers: SelectedRegister[] };

export class SelectionControl implements IControl {
  private map: MapLibreMap | undefined;
  private draw: TerraDraw | undefined;
  private drawLoading: Promise<TerraDraw | undefined> | undefined;
  private container: HTMLElement | undefined;
  private panel: HTMLElement | undefined;
  private state: State = { kind: 'idle' };
  private request = 0;

  constructor(private readonly options: SelectionOptions) {}

  /** True while a shape is being drawn: map clicks belong to the drawing, not to feature picking. */
  get isDrawing(): boolean {
    return this.state.kind === 'drawing';
  }

  onAdd(map: MapLibreMap): HTMLElement {
    this.map = map;
    const doc = map.getContainer().ownerDocument;
    const root = doc.createElement('div');
    root.className = 'maplibregl-ctrl maplibregl-ctrl-group selection-tools';
    root.setAttribute('role', 'group');
    for (const action of ['polygon', 'circle', 'view', 'clear'] as const) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = `selection-tools__button selection-tools__button--${action}`;
      button.dataset.selectionAction = action;
      button.innerHTML = ICONS[action];
      root.append(button);
    }
    root.addEventListener('click', this.onToolClick);
    this.container = root;

    const panel = doc.createElement('section');
    panel.id = 'selection-panel';
    panel.className = 'selection-panel';
    panel.hidden = true;
    panel.setAttribute('aria-labelledby', 'selection-panel-title');
    panel.tabIndex = -1;
    panel.addEventListener('click', this.onPanelClick);
    panel.addEventListener('keydown', this.onPanelKey);
    this.options.panelParent.append(panel);
    this.panel = panel;

    this.relabel();
    return root;
  }

  /** terra-draw on this map, loaded and started on first use. */
  private ensureDraw(): Promise<TerraDraw | undefined> {
    this.drawLoading ??= (async () => {
      const [{ TerraDraw, TerraDrawCircleMode, TerraDrawPolygonMode }, { TerraDrawMapLibreGLAdapter }] =
        await Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]);
      const map = this.map;
      if (!map) return undefined;
      if (!map.isStyleLoaded()) await map.once('load');
      const draw = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map }),
        modes: [
          new TerraDrawPolygonMode({ styles: { fillColor: DRAW_COLOR, outlineColor: DRAW_COLOR, fillOpacity: 0.12, outlineWidth: 2, closingPointColor: DRAW_COLOR } }),
          new TerraDrawCircleMode({ styles: { fillColor: DRAW_COLOR, outlineColor: DRAW_COLOR, fillOpacity: 0.12, outlineWidth: 2 } }),
        ],
      });
      draw.start();
      draw.on('finish', this.onFinish);
      this.draw = draw;
      return draw;
    })();
    return this.drawLoading;
  }

  onRemove(): void {
    this.draw?.off('finish', this.onFinish);
    this.draw?.stop();
    this.draw = undefined;
    this.drawLoading = undefined;
    this.container?.removeEventListener('click', this.onToolClick);
    this.container?.remove();
    this.panel?.remove();
    this.map = undefined;
  }

  relabel(): void {
    const { t } = this.options;
    if (!this.container) return;
    this.container.setAttribute('aria-label', t('selection.title'));
    const labels: Record<string, MessageKey> = {
      polygon: 'selection.polygon', circle: 'selection.circle', view: 'selection.view', clear: 'selection.clear',
    };
    for (const button of this.container.querySelectorAll<HTMLButtonElement>('[data-selection-action]')) {
      const label = t(labels[button.dataset.selectionAction!]!);
      button.setAttribute('aria-label', label);
      button.title = label;
    }
    this.render(false);
  }

  /** Starts drawing a shape (as the toolbar buttons do). */
  async startDrawing(mode: DrawMode): Promise<void> {
    const draw = await this.ensureDraw();
    if (!draw) return;
    draw.clear();
    draw.setMode(mode);
    this.request += 1;
    this.state = { kind: 'drawing', mode };
    this.render(false);
    this.map?.getCanvas().focus();
  }

  clear(): void {
    this.request += 1;
    if (this.draw) {
      this.draw.clear();
      this.draw.setMode('static');
    }
    this.state = { kind: 'idle' };
    this.render(false);
  }

  /** Lists the records in the map's current view (no drawing: the keyboard's way to a selection). */
  selectView(): void {
    const bounds = this.map?.getBounds();
    const polygon = bounds ? bboxPolygon([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]) : null;
    if (!polygon) return;
    this.draw?.clear();
    this.draw?.setMode('static');
    void this.select(polygon);
  }

  /** Lists the records inside a polygon (a drawn shape, or one given by a caller). */
  async select(geometry: PolygonGeometry): Promise<void> {
    const request = ++this.request;
    this.state = { kind: 'loading' };
    this.render(true);
    try {
      const response = await this.options.api.selection(geometry, LIST_LIMIT);
      if (request !== this.request) return;
      this.state = { kind: 'result', registers: response.registers };
    } catch (error) {
      if (request !== this.request) return;
      this.state = { kind: 'error', message: (error as Error).message };
    }
    this.render(true);
  }

  private readonly onFinish = (id: string | number): void => {
    const feature = this.draw?.getSnapshotFeature(id);
    // Leave drawing mode once terra-draw has finished with this event: the shape stays on the map,
    // clicks pick features again.
    setTimeout(() => this.draw?.setMode('static'), 0);
    if (!feature || feature.geometry.type !== 'Polygon') {
      this.state = { kind: 'idle' };
      this.render(false);
      return;
    }
    void this.select({ type: 'Polygon', coordinates: feature.geometry.coordinates as number[][][] });
  };

  private readonly onToolClick = (event: Event): void => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-selection-action]');
    const action = button?.dataset.selectionAction;
    if (action === 'polygon' || action === 'circle') void this.startDrawing(action);
    else if (action === 'view') this.selectView();
    else if (action === 'clear') this.clear();
  };

  private readonly onPanelClick = (event: Event): void => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (!target) return;
    const action = target.dataset.action;
    if (action === 'open') {
      const register = target.dataset.register;
      const id = Number(target.dataset.id);
      if (isRegisterId(register) && Number.isInteger(id)) this.options.onOpenRecord({ register, id });
    } else if (action === 'export-csv' || action === 'export-geojson') this.export(action === 'export-csv' ? 'csv' : 'geojson');
    else if (action === 'close') {
      this.clear();
      this.container?.querySelector<HTMLElement>('[data-selection-action="polygon"]')?.focus();
    }
  };

  private readonly onPanelKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.clear();
    this.container?.querySelector<HTMLElement>('[data-selection-action="polygon"]')?.focus();
  };

  private export(kind: 'csv' | 'geojson'): void {
    if (this.state.kind !== 'result' || !this.panel) return;
    const text = kind === 'csv' ? selectionCsv(this.state.registers, this.options.t) : selectionGeoJson(this.state.registers);
    const blob = new Blob([text], { type: kind === 'csv' ? CSV_MIME : GEOJSON_MIME });
    const url = URL.createObjectURL(blob);
    const link = this.panel.ownerDocument.createElement('a');
    link.href = url;
    link.download = exportFileName(this.options.now?.() ?? new Date(), kind);
    link.hidden = true;
    this.panel.append(link);
    link.click();
    link.remove();
    // The download has the blob by the next task; keep the URL a moment for slow pickers.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private render(focus: boolean): void {
    const { t } = this.options;
    const panel = this.panel;
    if (!panel || !this.container) return;
    const state = this.state;
    for (const button of this.container.querySelectorAll<HTMLButtonElement>('[data-selection-action]')) {
      const action = button.dataset.selectionAction;
      if (action === 'clear') button.disabled = state.kind === 'idle';
      else button.setAttribute('aria-pressed', String(state.kind === 'drawing' && state.mode === action));
    }
    panel.dataset.state = state.kind;
    if (state.kind === 'idle') {
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    const doc = panel.ownerDocument;
    const h = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
      const node = doc.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const header = h('div', 'selection-panel__header');
    const title = h('h2', 'selection-panel__title', t('selection.title'));
    title.id = 'selection-panel-title';
    const close = h('button', 'selection-panel__close', '×');
    close.type = 'button';
    close.dataset.action = 'close';
    close.setAttribute('aria-label', t('selection.close'));
    close.title = t('selection.close');
    header.append(title, close);
    const body = h('div', 'selection-panel__body');
    const status = h('p', 'selection-panel__status');
    status.setAttribute('role', 'status');
    body.append(status);

    if (state.kind === 'drawing') status.textContent = t(state.mode === 'polygon' ? 'selection.hintPolygon' : 'selection.hintCircle');
    else if (state.kind === 'loading') status.textContent = t('selection.loading');
    else if (state.kind === 'error') {
      status.textContent = t('selection.failed', { message: state.message });
      status.classList.add('selection-panel__status--error');
    } else {
      const counts = selectionCounts(state.registers);
      status.textContent = counts.total === 0 ? t('selection.empty') : t('selection.summary', { count: counts.total, registers: counts.registers });
      if (counts.listed > 0) {
        const exports = h('div', 'selection-panel__exports');
        for (const [action, key] of [['export-csv', 'selection.exportCsv'], ['export-geojson', 'selection.exportGeoJson']] as const) {
          const button = h('button', 'selection-panel__export', t(key));
          button.type = 'button';
          button.dataset.action = action;
          exports.append(button);
        }
        body.append(exports);
      }
      for (const group of state.registers) {
        const section = h('section', 'selection-panel__group');
        section.dataset.register = group.register;
        const heading = h('h3', 'selection-panel__heading');
        heading.append(doc.createTextNode(registerLabel(group.register, t)), h('span', 'selection-panel__count', String(group.total)));
        section.append(heading);
        if (group.total > group.items.length) section.append(h('p', 'selection-panel__more', t('selection.more', { total: group.total, shown: group.items.length })));
        const list = h('ul', 'selection-panel__list');
        for (const item of group.items) {
          const li = h('li');
          const button = h('button', 'selection-panel__item', item.label ?? `#${item.id}`);
          button.type = 'button';
          button.dataset.action = 'open';
          button.dataset.register = group.register;
          button.dataset.id = String(item.id);
          li.append(button);
          list.append(li);
        }
        section.append(list);
        body.append(section);
      }
    }
    const hadFocus = panel.contains(doc.activeElement);
    panel.replaceChildren(header, body);
    panel.hidden = false;
    if (focus || hadFocus) panel.focus();
  }
}

// Small inline icons (no sprite, no network): a pentagon, a circle, a dashed frame, a cross.
const ICONS = {
  view: '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><rect x="3" y="4" width="14" height="12" rx="1" fill="none" stroke="currentColor" stroke-width="1.8" stroke-dasharray="3 2"/></svg>',
  polygon: '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><path d="M10 2.5 17.5 8l-2.9 9H5.4L2.5 8z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>',
  circle: '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" stroke-width="1.8"/><circle cx="10" cy="10" r="1.5" fill="currentColor"/></svg>',
  clear: '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><path d="M5 5l10 10M15 5 5 15" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>',
} as const;
