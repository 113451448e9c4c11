// The record side panel: DOM glue only. What it shows comes from record-view.ts (pure, tested); data
// from api.ts. Keyboard: focus moves to the panel's title when it opens, Esc closes it (while editing,
// Esc leaves the form), focus then returns to where it was (or the map). Edit opens the register's
// form (edit/edit-form.ts) in the panel.
import { EditForm } from '../edit/edit-form.js';
import { HTML_LANG, i18n, type MessageKey, type Params } from '../i18n/index.js';
import { ApiError, type Api, type RecordJson } from './api.js';
import { RevealForm } from './reveal-form.js';
import { revealError } from './reveal-model.js';
import {
  fieldLabel,
  fieldRows,
  freshness,
  historyItems,
  linkItems,
  maskedFields,
  parseRecordRef,
  PEOPLE_COUNT_FIELDS,
  provenanceRows,
  recordTitle,
  registerLabel,
  sameRef,
  type Bbox,
  type HistoryEntry,
  type LinkEntry,
  type RecordRef,
} from './record-view.js';

export interface RecordPanelOptions {
  api: Api;
  t: (key: MessageKey, params?: Params) => string;
  now?: () => Date;
  /** A link was activated: open that record (the caller updates the hash, the map and the panel). */
  onFollowLink: (ref: RecordRef) => void;
  /** The panel was closed by the user (close button or Esc). */
  onClose: () => void;
  /** The record shown changed (null when none is shown), e.g. to draw it on the map. */
  onRecordChange?: (ref: RecordRef | null, record: RecordJson | null) => void;
  /**
   * What the role may do with a register's records (from the session's access): no Verify/Edit
   * without write, no Reveal without reveal. Default: write, no reveal.
   */
  permissions?: { write(register: string): boolean; reveal(register: string): boolean };
}

type State =
  | { kind: 'closed' }
  | { kind: 'loading'; title: string }
  | { kind: 'error'; title: string; message: string }
  | {
    kind: 'record'; ref: RecordRef; record: RecordJson; history: HistoryEntry[]; links: LinkEntry[]; verifyError?: string; verifying?: boolean;
    editError?: string;
    /** The form asking for purpose and reason, while open. */
    revealForm?: RevealForm;
    /** Unmasked fields after a reveal: only here, in memory, dropped with the state (close, reload, another record). */
    revealed?: Record<string, unknown>;
  }
  | { kind: 'edit'; ref: RecordRef; record: RecordJson; form: EditForm }
  | { kind: 'building'; id: number; counts: Record<string, number>; people: RecordJson[] | null; total: number; error?: string };

export class RecordPanel {
  readonly element: HTMLElement;
  private state: State = { kind: 'closed' };
  private current: RecordRef | null = null;
  private request = 0;
  private returnFocus: HTMLElement | null = null;

  constructor(parent: HTMLElement, private readonly options: RecordPanelOptions) {
    const doc = parent.ownerDocument;
    const el = doc.createElement('aside');
    el.id = 'record-panel';
    el.className = 'record-panel';
    el.setAttribute('role', 'dialog');
    el.setAttribute('aria-modal', 'false');
    el.setAttribute('aria-labelledby', 'record-panel-title');
    el.tabIndex = -1;
    el.hidden = true;
    el.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      if (this.state.kind === 'edit') void this.openRecord(this.state.ref);
      else this.close(true);
    });
    el.addEventListener('click', this.handleClick);
    parent.append(el);
    this.element = el;
  }

  get openRef(): RecordRef | null {
    return this.state.kind === 'closed' ? null : this.current;
  }

  get isOpen(): boolean {
    return this.state.kind !== 'closed';
  }

  /** Loads and shows a record; resolves with the record (null when it failed or was superseded). */
  async openRecord(ref: RecordRef, focus = true): Promise<RecordJson | null> {
    const { api, t } = this.options;
    const request = ++this.request;
    this.current = ref;
    this.rememberFocus();
    this.state = { kind: 'loading', title: registerLabel(ref.register, t) };
    this.render(focus);
    try {
      const [record, history, links] = await Promise.all([api.record(ref), api.history(ref), api.links(ref)]);
      if (request !== this.request) return null;
      this.state = { kind: 'record', ref, record, history, links };
      this.render(focus);
      this.options.onRecordChange?.(ref, record);
      return record;
    } catch (error) {
      if (request !== this.request) return null;
      this.state = { kind: 'error', title: registerLabel(ref.register, t), message: (error as Error).message };
      this.render(focus);
      return null;
    }
  }

  /** Shows a building's people counts (from its tile feature) and the residents listed by the API. */
  async openBuilding(id: number, counts: Record<string, number>, bbox: Bbox | null): Promise<void> {
    const request = ++this.request;
    this.current = null;
    this.options.onRecordChange?.(null, null);
    this.rememberFocus();
    this.state = { kind: 'building', id, counts, people: null, total: 0 };
    this.render(true);
    if (!bbox) return;
    try {
      const page = await this.options.api.peopleInBbox(bbox, 50);
      if (request !== this.request) return;
      this.state = { kind: 'building', id, counts, people: page.items, total: page.total };
    } catch (error) {
      if (request !== this.request) return;
      this.state = { kind: 'building', id, counts, people: [], total: 0, error: (error as Error).message };
    }
    this.render(false);
  }

  close(byUser = false): void {
    if (this.state.kind === 'closed') return;
    this.request += 1;
    this.state = { kind: 'closed' };
    this.current = null;
    this.element.hidden = true;
    this.element.replaceChildren();
    this.options.onRecordChange?.(null, null);
    const target = this.returnFocus;
    this.returnFocus = null;
    if (byUser) {
      if (target?.isConnected) target.focus();
      this.options.onClose();
    }
  }

  /** Re-renders in the current language. */
  relabel(): void {
    if (this.state.kind === 'edit') this.state.form.relabel();
    if (this.state.kind === 'record') this.state.revealForm?.relabel();
    if (this.state.kind !== 'closed') this.render(false);
  }

  isShowing(ref: RecordRef): boolean {
    return this.state.kind !== 'closed' && sameRef(this.current, ref);
  }

  private rememberFocus(): void {
    if (this.state.kind !== 'closed') return;
    const active = this.element.ownerDocument.activeElement;
    this.returnFocus = active instanceof HTMLElement && active !== this.element.ownerDocument.body ? active : null;
  }

  private async verify(): Promise<void> {
    const state = this.state;
    if (state.kind !== 'record' || state.verifying) return;
    const ref = state.ref;
    this.state = { ...state, verifying: true, verifyError: undefined };
    this.render(false, '.record-panel__verify');
    try {
      await this.options.api.verify(ref, 'field_visit');
      const [record, history, links] = await Promise.all([
        this.options.api.record(ref), this.options.api.history(ref), this.options.api.links(ref),
      ]);
      if (!sameRef(this.current, ref)) return;
      this.state = { kind: 'record', ref, record, history, links };
    } catch (error) {
      if (!sameRef(this.current, ref) || this.state.kind !== 'record') return;
      this.state = { ...this.state, verifying: false, verifyError: (error as Error).message };
    }
    this.render(false, '.record-panel__verify');
  }

  private canWrite(register: string): boolean {
    return this.options.permissions?.write(register) ?? true;
  }

  private canReveal(register: string): boolean {
    return this.options.permissions?.reveal(register) ?? false;
  }

  /** Shows the purpose/reason form for a reveal. */
  private openReveal(): void {
    const state = this.state;
    if (state.kind !== 'record' || state.revealForm) return;
    const ref = state.ref;
    const form = new RevealForm(this.element.ownerDocument, {
      t: this.options.t,
      onCancel: () => {
        if (this.state.kind !== 'record' || !sameRef(this.state.ref, ref)) return;
        this.state = { ...this.state, revealForm: undefined };
        this.render(false, '.record-panel__reveal');
      },
      onSubmit: (input) => void this.reveal(ref, form, input.purpose, input.reason),
    });
    this.state = { ...state, revealForm: form };
    this.render(false);
    form.focus();
  }

  private async reveal(ref: RecordRef, form: RevealForm, purpose: string, reason: string): Promise<void> {
    form.setBusy(true);
    try {
      const answer = await this.options.api.reveal(ref, purpose, reason);
      if (this.state.kind !== 'record' || this.state.revealForm !== form) return;
      this.state = { ...this.state, revealForm: undefined, revealed: answer.fields ?? {} };
      this.render(false);
      this.element.querySelector<HTMLElement>('.record-panel__section--fields')?.focus();
    } catch (error) {
      if (this.state.kind !== 'record' || this.state.revealForm !== form) return;
      const e = error instanceof ApiError ? error : new ApiError(0, (error as Error).message);
      const where = revealError(e);
      form.setError(where.field, where.key ? { key: where.key } : { text: where.text });
    } finally {
      form.setBusy(false);
    }
  }

  /** Opens the record's edit form (with the ETag of a fresh GET). */
  async startEdit(): Promise<void> {
    const state = this.state;
    if (state.kind !== 'record') return;
    const { api, t } = this.options;
    const ref = state.ref;
    const request = ++this.request;
    try {
      const current = await api.recordForEdit(ref);
      if (request !== this.request) return;
      const form = new EditForm(this.element.ownerDocument, {
        api, t, ref, current,
        formatTime: (iso) => this.formatTime(iso),
        onDone: () => {
          if (this.state.kind === 'edit' && sameRef(this.state.ref, ref)) void this.openRecord(ref);
        },
      });
      this.state = { kind: 'edit', ref, record: current.record, form };
      this.render(false);
      form.focus();
    } catch (error) {
      if (request !== this.request || this.state.kind !== 'record') return;
      this.state = { ...this.state, editError: (error as Error).message };
      this.render(false, '.record-panel__edit');
    }
  }

  private readonly handleClick = (event: Event): void => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (!target) return;
    const action = target.dataset.action;
    if (action === 'close') this.close(true);
    else if (action === 'verify') void this.verify();
    else if (action === 'edit') void this.startEdit();
    else if (action === 'reveal') this.openReveal();
    else if (action === 'link') {
      const ref = parseRecordRef(`${target.dataset.register ?? ''}/${target.dataset.id ?? ''}`);
      if (ref) this.options.onFollowLink(ref);
    }
  };

  private formatTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toLocaleString(HTML_LANG[i18n.lang], { dateStyle: 'medium', timeStyle: 'short' });
  }

  private render(focusTitle: boolean, keepFocusSelector?: string): void {
    const { t } = this.options;
    const doc = this.element.ownerDocument;
    const el = this.element;
    const state = this.state;
    if (state.kind === 'closed') return;
    const h = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
      const node = doc.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    };
    el.setAttribute('aria-label', t('panel.label'));
    el.dataset.kind = state.kind;
    const header = h('div', 'record-panel__header');
    const titles = h('div', 'record-panel__titles');
    const kicker = h('p', 'record-panel__register');
    const title = h('h2', 'record-panel__title');
    title.id = 'record-panel-title';
    title.tabIndex = -1;
    titles.append(kicker, title);
    const close = h('button', 'record-panel__close', '×');
    close.type = 'button';
    close.dataset.action = 'close';
    close.setAttribute('aria-label', t('panel.close'));
    close.title = t('panel.close');
    header.append(titles, close);
    const body = h('div', 'record-panel__body');

    const section = (headingKey: MessageKey, name: string) => {
      const s = h('section', `record-panel__section record-panel__section--${name}`);
      s.append(h('h3', 'record-panel__heading', t(headingKey)));
      body.append(s);
      return s;
    };
    const dl = (rows: Array<{ name: string; label: string; value: string; masked?: boolean; revealed?: boolean }>) => {
      const list = h('dl', 'record-panel__fields');
      for (const row of rows) {
        const dt = h('dt', undefined, row.label);
        const dd = h('dd');
        dt.dataset.field = row.name;
        dd.dataset.field = row.name;
        if (row.masked || row.revealed) {
          // The value and a mark saying it is hidden (masked by the server) or shown in full after a reveal.
          dd.append(h('span', 'record-panel__value', row.value), ' ');
          const mark = h('span', `field-mark field-mark--${row.masked ? 'masked' : 'revealed'}`, t(row.masked ? 'panel.masked' : 'panel.revealed'));
          dd.append(mark);
          dd.dataset[row.masked ? 'masked' : 'revealed'] = '1';
        } else dd.textContent = row.value;
        list.append(dt, dd);
      }
      return list;
    };

    if (state.kind === 'loading' || state.kind === 'error') {
      kicker.textContent = state.title;
      title.textContent = state.kind === 'loading' ? t('panel.loading') : t('panel.error', { message: state.message });
      el.setAttribute('aria-busy', String(state.kind === 'loading'));
    } else if (state.kind === 'record') {
      el.removeAttribute('aria-busy');
      const { ref, record } = state;
      el.dataset.record = `${ref.register}/${ref.id}`;
      kicker.textContent = `${registerLabel(ref.register, t)} #${ref.id}`;
      title.textContent = recordTitle(ref.register, record, t);

      const fresh = freshness(record.verified_at, this.options.now?.() ?? new Date());
      const status = h('div', 'record-panel__status');
      const badge = h('span', 'freshness-badge', t(`panel.${fresh.state}`));
      badge.dataset.state = fresh.state;
      badge.title = fresh.days === null ? t('panel.neverTitle') : t('panel.freshTitle', { days: fresh.days });
      status.append(badge);
      if (this.canWrite(ref.register)) {
        const verify = h('button', 'record-panel__verify', state.verifying ? t('panel.verifying') : t('panel.verify'));
        verify.type = 'button';
        verify.dataset.action = 'verify';
        verify.disabled = state.verifying === true;
        const edit = h('button', 'record-panel__edit', t('panel.edit'));
        edit.type = 'button';
        edit.dataset.action = 'edit';
        status.append(verify, edit);
      }
      if (this.canReveal(ref.register) && maskedFields(record).length > 0 && !state.revealed) {
        const reveal = h('button', 'record-panel__reveal', t('panel.reveal'));
        reveal.type = 'button';
        reveal.dataset.action = 'reveal';
        reveal.setAttribute('aria-expanded', String(!!state.revealForm));
        status.append(reveal);
      }
      if (state.editError) {
        const err = h('p', 'record-panel__error', t('panel.error', { message: state.editError }));
        err.setAttribute('role', 'alert');
        status.append(err);
      }
      if (state.verifyError) {
        const err = h('p', 'record-panel__error', t('panel.verifyFailed', { message: state.verifyError }));
        err.setAttribute('role', 'alert');
        status.append(err);
      }
      body.append(status);

      if (state.revealForm) body.append(state.revealForm.element);
      const fields = section('panel.fields', 'fields');
      fields.tabIndex = -1;
      fields.append(dl(fieldRows(record, t, state.revealed ?? null)));
      section('panel.provenance', 'provenance').append(dl(provenanceRows(record, t)));

      const history = section('panel.history', 'history');
      const items = historyItems(state.history, t);
      if (items.length === 0) history.append(h('p', 'record-panel__empty', t('panel.noHistory')));
      const ol = h('ol', 'record-panel__timeline');
      for (const item of items) {
        const li = h('li', 'record-panel__event');
        li.setAttribute('data-history-action', item.action);
        const head = h('p', 'record-panel__event-head');
        head.append(h('strong', undefined, item.title), doc.createTextNode(' '));
        const time = h('time', undefined, this.formatTime(item.at));
        time.dateTime = item.at;
        head.append(time);
        li.append(head, h('p', 'record-panel__event-meta', item.meta));
        if (item.reason) li.append(h('p', 'record-panel__event-reason', item.reason));
        if (item.changes.length > 0) {
          const changes = h('ul', 'record-panel__changes');
          for (const change of item.changes) changes.append(h('li', undefined, change));
          li.append(changes);
        }
        ol.append(li);
      }
      if (items.length > 0) history.append(ol);

      const linksSection = section('panel.links', 'links');
      const links = linkItems(state.links, t);
      if (links.length === 0) linksSection.append(h('p', 'record-panel__empty', t('panel.noLinks')));
      else {
        const ul = h('ul', 'record-panel__links');
        for (const link of links) {
          const li = h('li');
          const type = h('span', 'record-panel__link-type', link.type);
          if (link.ref) {
            const button = h('button', 'record-panel__link', link.text);
            button.type = 'button';
            button.dataset.action = 'link';
            button.dataset.register = link.ref.register;
            button.dataset.id = String(link.ref.id);
            li.append(button, type);
          } else li.append(h('span', 'record-panel__link record-panel__link--static', link.text), type);
          ul.append(li);
        }
        linksSection.append(ul);
      }
    } else if (state.kind === 'edit') {
      el.removeAttribute('aria-busy');
      el.dataset.record = `${state.ref.register}/${state.ref.id}`;
      kicker.textContent = `${registerLabel(state.ref.register, t)} #${state.ref.id}`;
      title.textContent = t('edit.title', { title: recordTitle(state.ref.register, state.record, t) });
      body.append(state.form.element);
    } else {
      el.removeAttribute('aria-busy');
      delete el.dataset.record;
      kicker.textContent = t('register.people');
      title.textContent = t('panel.buildingTitle', { id: state.id });
      const rows = PEOPLE_COUNT_FIELDS.map((name) => ({ name, label: fieldLabel(name, t), value: String(state.counts[name] ?? 0) }));
      section('panel.fields', 'fields').append(dl(rows));
      const residents = section('panel.residents', 'residents');
      if (state.people === null) residents.append(h('p', 'record-panel__empty', t('panel.loading')));
      else if (state.error) residents.append(h('p', 'record-panel__error', t('panel.error', { message: state.error })));
      else if (state.people.length === 0) residents.append(h('p', 'record-panel__empty', t('panel.noResidents')));
      else {
        if (state.total > state.people.length) {
          residents.append(h('p', 'record-panel__empty', t('panel.residentsMore', { total: state.total, shown: state.people.length })));
        }
        const ul = h('ul', 'record-panel__links');
        for (const person of state.people) {
          const li = h('li');
          const button = h('button', 'record-panel__link', typeof person.name === 'string' ? person.name : `#${person.id}`);
          button.type = 'button';
          button.dataset.action = 'link';
          button.dataset.register = 'people';
          button.dataset.id = String(person.id);
          li.append(button);
          ul.append(li);
        }
        residents.append(ul);
      }
    }

    const focusedSelector = keepFocusSelector && el.contains(doc.activeElement) ? keepFocusSelector : undefined;
    // An element kept across renders (the edit form's inputs) keeps its focus.
    const active = doc.activeElement;
    el.replaceChildren(header, body);
    el.hidden = false;
    if (focusTitle) title.focus();
    else if (focusedSelector) el.querySelector<HTMLElement>(focusedSelector)?.focus();
    else if (active instanceof HTMLElement && active !== doc.activeElement && el.contains(active)) active.focus();
  }
}
