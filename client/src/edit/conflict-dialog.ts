// The 412 conflict dialog: what changed since the officer opened the form (field, when they started,
// their value, the current value), then re-apply their changes on the current version or discard
// them. A modal <dialog>: focus is trapped inside, Esc returns to the form with nothing lost.
import type { MessageKey, Params } from '../i18n/index.js';
import { fieldLabel, formatValue } from '../workspace/record-view.js';
import type { ConflictRow } from './form-model.js';

export type ConflictChoice = 'reapply' | 'discard' | 'back';

export interface ConflictInfo {
  rows: ConflictRow[];
  version: number;
  /** Who changed it meanwhile and when (from the history), if known. */
  by: { actor: string; at: string } | null;
}

export function showConflictDialog(doc: Document, info: ConflictInfo, t: (key: MessageKey, params?: Params) => string,
  formatTime: (iso: string) => string): Promise<ConflictChoice> {
  const dialog = doc.createElement('dialog');
  dialog.id = 'conflict-dialog';
  dialog.className = 'conflict-dialog';
  dialog.setAttribute('aria-labelledby', 'conflict-dialog-title');
  dialog.setAttribute('aria-describedby', 'conflict-dialog-intro');
  const h = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const title = h('h2', 'conflict-dialog__title', t('conflict.title'));
  title.id = 'conflict-dialog-title';
  const intro = h('p', 'conflict-dialog__intro', info.by
    ? t('conflict.intro', { actor: info.by.actor, at: formatTime(info.by.at), version: info.version })
    : t('conflict.introUnknown', { version: info.version }));
  intro.id = 'conflict-dialog-intro';

  const table = h('table', 'conflict-dialog__table');
  const head = h('tr');
  for (const key of ['conflict.field', 'conflict.base', 'conflict.yours', 'conflict.theirs'] as const) {
    const th = h('th', undefined, t(key));
    th.scope = 'col';
    head.append(th);
  }
  table.append(h('thead'), h('tbody'));
  table.tHead!.append(head);
  for (const row of info.rows) {
    const tr = h('tr');
    tr.dataset.field = row.field;
    if (row.clash) tr.dataset.clash = 'true';
    const name = h('th', undefined, fieldLabel(row.field, t));
    name.scope = 'row';
    if (row.clash) {
      const flag = h('span', 'conflict-dialog__clash', t('conflict.both'));
      name.append(doc.createElement('br'), flag);
    }
    const mine = h('td', 'conflict-dialog__mine', row.mineChanged ? formatValue(row.mine, t, row.field) : t('conflict.unchanged'));
    const theirs = h('td', 'conflict-dialog__theirs', formatValue(row.theirs, t, row.field));
    if (row.theirsChanged) theirs.dataset.changed = 'true';
    tr.append(name, h('td', 'conflict-dialog__base', formatValue(row.base, t, row.field)), mine, theirs);
    table.tBodies[0]!.append(tr);
  }

  const actions = h('div', 'conflict-dialog__actions');
  const reapply = h('button', 'conflict-dialog__reapply', t('conflict.reapply'));
  reapply.type = 'button';
  reapply.value = 'reapply';
  const discard = h('button', 'conflict-dialog__discard', t('conflict.discard'));
  discard.type = 'button';
  discard.value = 'discard';
  actions.append(reapply, discard);
  dialog.append(title, intro, table, actions);
  doc.body.append(dialog);

  return new Promise((resolve) => {
    let choice: ConflictChoice = 'back';
    const finish = (value: ConflictChoice) => {
      choice = value;
      dialog.close();
    };
    reapply.addEventListener('click', () => finish('reapply'));
    discard.addEventListener('click', () => finish('discard'));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(choice);
    });
    dialog.showModal();
    reapply.focus();
  });
}
