// The search box in the header: one input over all registers (ARIA 1.2 combobox with a grouped
// listbox). DOM glue only: options and keyboard moves come from search-model.ts, data from api.ts.
// Typing searches after a pause; ArrowDown/ArrowUp/Home/End move, Enter opens, Esc closes the list
// (a second Esc clears the box). Focus stays in the input; the active option is aria-activedescendant.
import { i18n, type MessageKey, type Params } from '../i18n/index.js';
import type { Api, SearchResponse } from '../workspace/api.js';
import {
  HITS_PER_REGISTER,
  LatestOnly,
  nextActive,
  optionAt,
  optionCount,
  SEARCH_DEBOUNCE_MS,
  searchOptionGroups,
  searchQuery,
  type SearchOptionGroup,
  type SearchTarget,
} from './search-model.js';

export interface SearchBoxOptions {
  api: Pick<Api, 'search'>;
  t: (key: MessageKey, params?: Params) => string;
  /** An option was chosen (Enter or click). */
  onChoose: (target: SearchTarget, label: string) => void;
  debounceMs?: number;
}

export class SearchBox {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly listbox: HTMLElement;
  private readonly live: HTMLElement;
  private readonly label: HTMLLabelElement;
  private groups: SearchOptionGroup[] = [];
  private response: SearchResponse | null = null;
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | null = null;
  private readonly latest = new LatestOnly();
  private liveKey: { key: MessageKey; params?: Params } | null = null;

  constructor(parent: HTMLElement, private readonly options: SearchBoxOptions) {
    const doc = parent.ownerDocument;
    const root = doc.createElement('div');
    root.className = 'search';
    root.setAttribute('role', 'search');
    this.label = doc.createElement('label');
    this.label.className = 'visually-hidden';
    this.label.htmlFor = 'search-input';
    const input = doc.createElement('input');
    input.id = 'search-input';
    input.className = 'search__input';
    input.type = 'search';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.maxLength = 100;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', 'search-results');
    const listbox = doc.createElement('div');
    listbox.id = 'search-results';
    listbox.className = 'search__results';
    listbox.setAttribute('role', 'listbox');
    listbox.hidden = true;
    const live = doc.createElement('div');
    live.className = 'visually-hidden';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    root.append(this.label, input, listbox, live);
    this.element = root;
    this.input = input;
    this.listbox = listbox;
    this.live = live;

    input.addEventListener('input', this.onInput);
    input.addEventListener('keydown', this.onKeyDown);
    input.addEventListener('focus', this.onFocus);
    root.addEventListener('focusout', this.onFocusOut);
    // mousedown would blur the input before the click lands.
    listbox.addEventListener('mousedown', (event) => event.preventDefault());
    listbox.addEventListener('click', this.onClick);
    parent.append(root);
    this.relabel();
  }

  /** Texts in the current language (the open list too). */
  relabel(): void {
    const { t } = this.options;
    this.label.textContent = t('search.label');
    this.input.placeholder = t('search.placeholder');
    this.input.setAttribute('aria-label', t('search.label'));
    this.listbox.setAttribute('aria-label', t('search.results'));
    if (this.response) {
      this.groups = searchOptionGroups(this.response, t, i18n.lang);
      this.renderOptions();
    }
    if (this.liveKey) this.live.textContent = t(this.liveKey.key, this.liveKey.params);
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.controller?.abort();
    this.element.remove();
  }

  focus(): void {
    this.input.focus();
  }

  private readonly onInput = (): void => {
    clearTimeout(this.timer);
    const q = searchQuery(this.input.value);
    if (q === '') {
      this.controller?.abort();
      this.latest.take();
      this.response = null;
      this.groups = [];
      this.setLive(null);
      this.close();
      return;
    }
    this.timer = setTimeout(() => void this.run(q), this.options.debounceMs ?? SEARCH_DEBOUNCE_MS);
  };

  private async run(q: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const ticket = this.latest.take();
    this.element.dataset.state = 'searching';
    this.setLive({ key: 'search.searching' });
    try {
      const response = await this.options.api.search(q, controller.signal, HITS_PER_REGISTER);
      if (!this.latest.isCurrent(ticket)) return;
      this.response = response;
      this.groups = searchOptionGroups(response, this.options.t, i18n.lang);
      this.active = -1;
      this.renderOptions();
      const count = optionCount(this.groups);
      this.setLive(count > 0 ? { key: 'search.count', params: { count } } : { key: 'search.noResults', params: { q } });
      this.element.dataset.state = count > 0 ? 'results' : 'empty';
      this.open();
    } catch (error) {
      if (!this.latest.isCurrent(ticket) || (error as Error).name === 'AbortError') return;
      this.response = null;
      this.groups = [];
      this.renderMessage('search.failed', { message: (error as Error).message });
      this.setLive({ key: 'search.failed', params: { message: (error as Error).message } });
      this.element.dataset.state = 'error';
      this.open();
    }
  }

  private setLive(message: { key: MessageKey; params?: Params } | null): void {
    this.liveKey = message;
    this.live.textContent = message ? this.options.t(message.key, message.params) : '';
  }

  private renderOptions(): void {
    const doc = this.element.ownerDocument;
    if (this.groups.length === 0) {
      this.renderMessage('search.noResults', { q: this.response?.q ?? '' });
      return;
    }
    const nodes: HTMLElement[] = [];
    for (const group of this.groups) {
      const box = doc.createElement('div');
      box.className = 'search__group';
      box.setAttribute('role', 'group');
      box.dataset.register = group.register;
      const title = doc.createElement('div');
      title.className = 'search__group-title';
      title.id = `search-group-${group.register}`;
      title.setAttribute('role', 'presentation');
      title.textContent = group.title;
      box.setAttribute('aria-labelledby', title.id);
      box.append(title);
      for (const option of group.options) {
        const el = doc.createElement('div');
        el.className = 'search__option';
        el.id = `search-option-${option.key}`;
        el.setAttribute('role', 'option');
        el.setAttribute('aria-selected', String(option.index === this.active));
        el.dataset.index = String(option.index);
        const label = doc.createElement('span');
        label.className = 'search__option-label';
        label.textContent = option.label;
        el.append(label);
        if (option.detail) {
          const detail = doc.createElement('span');
          detail.className = 'search__option-detail';
          detail.textContent = option.detail;
          el.append(detail);
        }
        box.append(el);
      }
      nodes.push(box);
    }
    this.listbox.replaceChildren(...nodes);
    this.markActive();
  }

  private renderMessage(key: MessageKey, params: Params): void {
    const p = this.element.ownerDocument.createElement('div');
    p.className = 'search__message';
    p.setAttribute('role', 'presentation');
    p.textContent = this.options.t(key, params);
    this.listbox.replaceChildren(p);
    this.active = -1;
    this.markActive();
  }

  private open(): void {
    if (this.element.ownerDocument.activeElement !== this.input) return;
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.active = -1;
    this.markActive();
  }

  private get isOpen(): boolean {
    return !this.listbox.hidden;
  }

  private markActive(): void {
    for (const el of this.listbox.querySelectorAll<HTMLElement>('[role="option"]')) {
      const on = Number(el.dataset.index) === this.active;
      el.setAttribute('aria-selected', String(on));
      if (on) {
        this.input.setAttribute('aria-activedescendant', el.id);
        el.scrollIntoView?.({ block: 'nearest' });
      }
    }
    if (this.active < 0) this.input.removeAttribute('aria-activedescendant');
  }

  private choose(index: number): void {
    const option = optionAt(this.groups, index);
    if (!option) return;
    this.input.value = option.label;
    this.close();
    this.options.onChoose(option.target, option.label);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const count = optionCount(this.groups);
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (count === 0) return;
        event.preventDefault();
        if (!this.isOpen) {
          this.listbox.hidden = false;
          this.input.setAttribute('aria-expanded', 'true');
        }
        this.active = nextActive(this.active, count, event.key);
        this.markActive();
        return;
      case 'Home':
      case 'End':
        // Only while an option is active; otherwise they move the caret in the text.
        if (!this.isOpen || this.active < 0) return;
        event.preventDefault();
        this.active = nextActive(this.active, count, event.key);
        this.markActive();
        return;
      case 'Enter':
        if (this.isOpen && count > 0) {
          event.preventDefault();
          this.choose(this.active >= 0 ? this.active : 0);
        }
        return;
      case 'Escape':
        event.preventDefault();
        if (this.isOpen) this.close();
        else if (this.input.value !== '') {
          this.input.value = '';
          this.onInput();
        }
        return;
      default:
    }
  };

  private readonly onClick = (event: Event): void => {
    const option = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    if (option) this.choose(Number(option.dataset.index));
  };

  private readonly onFocus = (): void => {
    if (this.groups.length > 0 && searchQuery(this.input.value) === this.response?.q.trim()) this.open();
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (!next || !this.element.contains(next)) this.close();
  };
}
