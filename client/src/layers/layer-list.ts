// Layer list: a MapLibre control with one real checkbox per base layer group. DOM glue only; which
// style layers belong to which group and the visibility state live in layer-groups.ts (pure, tested).
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';
import type { MessageKey, Params } from '../i18n/index.js';
import {
  LAYER_GROUPS,
  isLayerGroupId,
  setGroupVisible,
  visibilityPatches,
  type LayerGroupId,
  type LayerModes,
  type StyleLayerLike,
  type Visibility,
} from './layer-groups.js';

export interface LegendItem {
  color: string;
  labelKey: MessageKey;
}

export interface LayerListOptions {
  /** The style's layers (id + source), to know which style layers each group toggles. */
  layers: readonly StyleLayerLike[];
  visible: Visibility;
  t: (key: MessageKey, params?: Params) => string;
  /** Called after the user changed the visibility. */
  onChange?: (visible: Set<LayerGroupId>) => void;
  /** Optional legend shown under a group (e.g. building uses). */
  legends?: Partial<Record<LayerGroupId, { titleKey: MessageKey; items: readonly LegendItem[] }>>;
  /** Groups that show a count of their features in view (see setCounts). */
  countedGroups?: readonly LayerGroupId[];
  /** Display modes (cases heatmap); a checkbox under the cases group switches it. */
  modes?: LayerModes;
  onModesChange?: (modes: LayerModes) => void;
  /** The groups this role may see (default: all); the others are not listed at all. */
  groups?: readonly LayerGroupId[];
  /** A note under the list (e.g. the role has no register data). */
  noteKey?: MessageKey;
}

let instanceCount = 0;

export class LayerListControl implements IControl {
  private map: MapLibreMap | undefined;
  private container: HTMLElement | undefined;
  private visible: Set<LayerGroupId>;
  private modes: LayerModes;
  private pending = false;
  private readonly idPrefix: string;
  private readonly options: LayerListOptions;

  constructor(options: LayerListOptions) {
    this.options = options;
    this.visible = new Set(options.visible);
    this.modes = { ...(options.modes ?? {}) };
    instanceCount += 1;
    this.idPrefix = instanceCount === 1 ? 'layer' : `layer${instanceCount}`;
  }

  onAdd(map: MapLibreMap): HTMLElement {
    this.map = map;
    const doc = map.getContainer().ownerDocument;
    const root = doc.createElement('section');
    root.className = 'maplibregl-ctrl layer-list';
    const titleId = `${this.idPrefix}-list-title`;
    const bodyId = `${this.idPrefix}-list-body`;
    root.setAttribute('aria-labelledby', titleId);

    const header = doc.createElement('button');
    header.type = 'button';
    header.className = 'layer-list__header';
    header.id = titleId;
    header.setAttribute('aria-expanded', 'true');
    header.setAttribute('aria-controls', bodyId);
    const title = doc.createElement('span');
    title.className = 'layer-list__title';
    title.dataset.i18n = 'layers.title';
    const chevron = doc.createElement('span');
    chevron.className = 'layer-list__chevron';
    chevron.setAttribute('aria-hidden', 'true');
    header.append(title, chevron);

    const body = doc.createElement('div');
    body.className = 'layer-list__body';
    body.id = bodyId;
    body.setAttribute('role', 'group');
    body.setAttribute('aria-labelledby', titleId);

    const list = doc.createElement('ul');
    list.className = 'layer-list__items';
    for (const group of LAYER_GROUPS) {
      if (this.options.groups && !this.options.groups.includes(group.id)) continue;
      const item = doc.createElement('li');
      item.className = `layer-list__item layer-list__item--${group.id}`;
      const input = doc.createElement('input');
      input.type = 'checkbox';
      input.id = `${this.idPrefix}-toggle-${group.id}`;
      input.className = 'layer-list__checkbox';
      input.dataset.group = group.id;
      input.checked = this.visible.has(group.id);
      const label = doc.createElement('label');
      label.htmlFor = input.id;
      label.className = 'layer-list__label';
      const swatch = doc.createElement('span');
      swatch.className = `layer-list__swatch layer-list__swatch--${group.id}`;
      swatch.setAttribute('aria-hidden', 'true');
      const text = doc.createElement('span');
      text.className = 'layer-list__text';
      text.dataset.i18n = group.labelKey;
      label.append(swatch, text);
      item.append(input, label);
      if (this.options.countedGroups?.includes(group.id)) {
        const count = doc.createElement('span');
        count.className = 'layer-list__count';
        count.dataset.countGroup = group.id;
        count.hidden = true;
        item.append(count);
      }
      if (group.id === 'cases') {
        const mode = doc.createElement('label');
        mode.className = 'layer-list__mode';
        const heat = doc.createElement('input');
        heat.type = 'checkbox';
        heat.id = `${this.idPrefix}-heatmap-cases`;
        heat.className = 'layer-list__mode-checkbox';
        heat.dataset.mode = 'casesHeatmap';
        heat.checked = this.modes.casesHeatmap === true;
        const modeText = doc.createElement('span');
        modeText.dataset.i18n = 'layers.heatmap';
        mode.append(heat, modeText);
        item.append(mode);
        // The time range: the server filters the case tiles (cells count only the days kept).
        const range = doc.createElement('div');
        range.className = 'layer-list__range';
        for (const [key, labelKey] of [['casesFrom', 'layers.casesFrom'], ['casesTo', 'layers.casesTo']] as const) {
          const label = doc.createElement('label');
          label.className = 'layer-list__range-field';
          const text = doc.createElement('span');
          text.dataset.i18n = labelKey;
          const input = doc.createElement('input');
          input.type = 'date';
          input.id = `${this.idPrefix}-${key}`;
          input.dataset.mode = key;
          input.value = this.modes[key] ?? '';
          label.append(text, input);
          range.append(label);
        }
        item.append(range);
      }

      const legend = this.options.legends?.[group.id];
      if (legend) {
        const box = doc.createElement('div');
        box.className = 'layer-list__legend';
        const legendTitle = doc.createElement('p');
        legendTitle.className = 'layer-list__legend-title';
        legendTitle.dataset.i18n = legend.titleKey;
        const entries = doc.createElement('ul');
        entries.className = 'layer-list__legend-items';
        for (const entry of legend.items) {
          const li = doc.createElement('li');
          const chip = doc.createElement('span');
          chip.className = 'layer-list__legend-chip';
          chip.style.backgroundColor = entry.color;
          chip.setAttribute('aria-hidden', 'true');
          const name = doc.createElement('span');
          name.dataset.i18n = entry.labelKey;
          li.append(chip, name);
          entries.append(li);
        }
        box.append(legendTitle, entries);
        item.append(box);
      }
      list.append(item);
    }
    body.append(list);
    if (this.options.noteKey) {
      const note = doc.createElement('p');
      note.className = 'layer-list__note';
      note.setAttribute('role', 'note');
      note.dataset.i18n = this.options.noteKey;
      body.append(note);
    }
    root.append(header, body);
    this.container = root;

    root.addEventListener('change', this.handleChange);
    header.addEventListener('click', this.handleToggleCollapse);
    map.on('styledata', this.handleStyleData);
    this.relabel();
    this.apply();
    return root;
  }

  onRemove(): void {
    const root = this.container;
    if (root) {
      root.removeEventListener('change', this.handleChange);
      root.querySelector('.layer-list__header')?.removeEventListener('click', this.handleToggleCollapse);
      root.remove();
    }
    this.map?.off('styledata', this.handleStyleData);
    this.container = undefined;
    this.map = undefined;
    // The workspace rebuilt after a new login gets the same ids (`layer-toggle-…`) again.
    instanceCount = Math.max(0, instanceCount - 1);
  }

  getDefaultPosition(): 'top-left' {
    return 'top-left';
  }

  getVisibility(): Set<LayerGroupId> {
    return new Set(this.visible);
  }

  /** Sets the visibility from outside (e.g. a hash change) without calling onChange. */
  setVisibility(visible: Visibility): void {
    this.visible = new Set(visible);
    this.syncCheckboxes();
    this.apply();
  }

  /** Shows the number of features in view per group (null hides a group's count). */
  setCounts(counts: Partial<Record<LayerGroupId, number | null>>): void {
    this.counts = { ...this.counts, ...counts };
    this.renderCounts();
  }

  private counts: Partial<Record<LayerGroupId, number | null>> = {};

  private renderCounts(): void {
    const root = this.container;
    if (!root) return;
    const { t } = this.options;
    for (const el of root.querySelectorAll<HTMLElement>('.layer-list__count')) {
      const group = el.dataset.countGroup as LayerGroupId;
      const count = this.counts[group];
      const show = typeof count === 'number' && this.visible.has(group);
      el.hidden = !show;
      if (show) {
        el.textContent = t('layers.inView', { count });
        el.setAttribute('aria-label', t('layers.inViewLabel', { count }));
      }
    }
  }

  /** Re-reads every text from the catalogue (after a language switch). */
  relabel(): void {
    const root = this.container;
    if (!root) return;
    const { t } = this.options;
    for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
      el.textContent = t(el.dataset.i18n as MessageKey);
    }
    for (const group of LAYER_GROUPS) {
      const input = root.querySelector<HTMLInputElement>(`#${this.idPrefix}-toggle-${group.id}`);
      input?.setAttribute('title', t('layers.toggleLabel', { name: t(group.labelKey) }));
    }
    this.renderCounts();
  }

  private syncCheckboxes(): void {
    const root = this.container;
    if (!root) return;
    for (const input of root.querySelectorAll<HTMLInputElement>('input.layer-list__checkbox')) {
      const group = input.dataset.group;
      if (isLayerGroupId(group)) input.checked = this.visible.has(group);
    }
  }

  private apply(): void {
    const map = this.map;
    if (!map) return;
    this.pending = false;
    for (const { layerId, visibility } of visibilityPatches(this.options.layers, this.visible, this.modes)) {
      if (!map.getLayer(layerId)) {
        this.pending = true; // style not loaded yet: retried on the next styledata event
        continue;
      }
      if (map.getLayoutProperty(layerId, 'visibility') !== visibility) {
        map.setLayoutProperty(layerId, 'visibility', visibility);
      }
    }
  }

  private readonly handleChange = (event: Event): void => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.dataset.mode === 'casesHeatmap') {
      this.modes = { ...this.modes, casesHeatmap: input.checked };
      this.apply();
      this.options.onModesChange?.({ ...this.modes });
      return;
    }
    if (input instanceof HTMLInputElement && (input.dataset.mode === 'casesFrom' || input.dataset.mode === 'casesTo')) {
      const key = input.dataset.mode;
      this.modes = { ...this.modes, [key]: /^\d{4}-\d{2}-\d{2}$/.test(input.value) ? input.value : undefined };
      this.options.onModesChange?.({ ...this.modes });
      return;
    }
    if (!(input instanceof HTMLInputElement) || !input.classList.contains('layer-list__checkbox')) return;
    const group = input.dataset.group;
    if (!isLayerGroupId(group)) return;
    this.visible = setGroupVisible(this.visible, group, input.checked);
    this.apply();
    this.renderCounts();
    this.options.onChange?.(this.getVisibility());
  };

  private readonly handleToggleCollapse = (event: Event): void => {
    const header = event.currentTarget as HTMLElement;
    const expanded = header.getAttribute('aria-expanded') === 'true';
    header.setAttribute('aria-expanded', String(!expanded));
    this.container?.classList.toggle('layer-list--collapsed', expanded);
  };

  private readonly handleStyleData = (): void => {
    if (this.pending) this.apply();
  };
}
