import type { MessageKey } from './i18n/index.js';

export interface FormFooter {
  /** The form's alert line, hidden until there is something to say. */
  message: HTMLParagraphElement;
  submitButton: HTMLButtonElement;
  /** The submit and cancel buttons together, when the form has a cancel. */
  actions: HTMLDivElement | null;
}

/**
 * The foot of a form — its alert line and its buttons — in the one shape the login, enrolment, edit
 * and reveal forms share. `block` keeps each form's own classes: `<block>__message`,
 * `<block>__<submit>` (default `submit`), and with a cancel `<block>__actions` and `<block>__cancel`.
 * Button texts come from the form's relabelling (`data-i18n-key` on the cancel).
 */
export function formFooter(doc: Document, block: string, options: { submit?: string; cancel?: { key: MessageKey; onClick: () => void } } = {}): FormFooter {
  const message = doc.createElement('p');
  message.className = `${block}__message`;
  message.setAttribute('role', 'alert');
  message.hidden = true;
  const submitButton = doc.createElement('button');
  submitButton.type = 'submit';
  submitButton.className = `${block}__${options.submit ?? 'submit'}`;
  if (!options.cancel) return { message, submitButton, actions: null };
  const cancel = doc.createElement('button');
  cancel.type = 'button';
  cancel.className = `${block}__cancel`;
  cancel.dataset.i18nKey = options.cancel.key;
  cancel.addEventListener('click', options.cancel.onClick);
  const actions = doc.createElement('div');
  actions.className = `${block}__actions`;
  actions.append(submitButton, cancel);
  return { message, submitButton, actions };
}
