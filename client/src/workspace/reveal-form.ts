// The "reveal" form inside the record panel: purpose and reason for seeing a record's unmasked
// personal fields. DOM glue only (rules in reveal-model.ts). The element lives across the panel's
// re-renders so that what the officer typed and the focus survive a language switch or an error.
import { relabelKeys } from '../i18n/relabel.js';
import { formFooter } from '../form-footer.js';
import type { MessageKey, Params } from '../i18n/index.js';
import { checkRevealInput, PURPOSE_LENGTH, REASON_LENGTH, type RevealField, type RevealInput } from './reveal-model.js';

export interface RevealFormOptions {
  t: (key: MessageKey, params?: Params) => string;
  onSubmit: (input: RevealInput) => void;
  onCancel: () => void;
}

type Message = { key: MessageKey } | { text: string };

export class RevealForm {
  readonly element: HTMLFormElement;
  private readonly errors = new Map<string, Message>();
  private readonly submitButton: HTMLButtonElement;
  private busy = false;

  constructor(doc: Document, private readonly options: RevealFormOptions) {
    const form = doc.createElement('form');
    form.className = 'reveal-form';
    form.noValidate = true;
    const hint = doc.createElement('p');
    hint.className = 'reveal-form__hint';
    hint.dataset.i18nKey = 'reveal.hint';
    form.append(hint);
    for (const [name, labelKey, max, multiline] of [
      ['purpose', 'reveal.purpose', PURPOSE_LENGTH.max, false],
      ['reason', 'reveal.reason', REASON_LENGTH.max, true],
    ] as const) {
      const box = doc.createElement('div');
      box.className = 'reveal-form__field';
      box.dataset.field = name;
      const label = doc.createElement('label');
      label.htmlFor = `reveal-${name}`;
      label.dataset.i18nKey = labelKey;
      const control = multiline ? doc.createElement('textarea') : doc.createElement('input');
      if (control instanceof HTMLTextAreaElement) control.rows = 2;
      else control.type = 'text';
      control.id = `reveal-${name}`;
      control.name = name;
      control.maxLength = max;
      control.setAttribute('aria-required', 'true');
      control.setAttribute('aria-describedby', `reveal-${name}-error`);
      const error = doc.createElement('p');
      error.className = 'reveal-form__error';
      error.id = `reveal-${name}-error`;
      error.hidden = true;
      box.append(label, control, error);
      form.append(box);
    }
    const footer = formFooter(doc, 'reveal-form', { cancel: { key: 'reveal.cancel', onClick: () => this.options.onCancel() } });
    footer.message.dataset.field = 'form';
    this.submitButton = footer.submitButton;
    form.append(footer.message, footer.actions!);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.busy) return;
      const read = (name: RevealField) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value;
      const checked = checkRevealInput({ purpose: read('purpose'), reason: read('reason') });
      this.clearErrors();
      if (!checked.ok) {
        for (const [name, key] of Object.entries(checked.errors)) this.setError(name as RevealField, { key });
        this.focusField(Object.keys(checked.errors)[0] as RevealField);
        return;
      }
      this.options.onSubmit(checked.value);
    });
    // Esc inside the form cancels the reveal, not the whole panel.
    form.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      this.options.onCancel();
    });
    this.element = form;
    this.relabel();
  }

  relabel(): void {
    const { t } = this.options;
    relabelKeys(this.element, t);
    this.submitButton.textContent = t(this.busy ? 'reveal.submitting' : 'reveal.submit');
    for (const [name, message] of this.errors) this.show(name, message);
  }

  focus(): void {
    this.focusField('purpose');
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.submitButton.disabled = busy;
    this.element.setAttribute('aria-busy', String(busy));
    this.submitButton.textContent = this.options.t(busy ? 'reveal.submitting' : 'reveal.submit');
  }

  /** An error on a field, or on the form (field null). */
  setError(field: RevealField | null, message: Message): void {
    const name = field ?? 'form';
    this.errors.set(name, message);
    this.show(name, message);
    if (field) this.focusField(field);
  }

  clearErrors(): void {
    for (const name of [...this.errors.keys()]) this.show(name, null);
    this.errors.clear();
  }

  private show(name: string, message: Message | null): void {
    const el = name === 'form'
      ? this.element.querySelector<HTMLElement>('.reveal-form__message')
      : this.element.querySelector<HTMLElement>(`#reveal-${name}-error`);
    if (!el) return;
    el.hidden = !message;
    el.textContent = message ? ('key' in message ? this.options.t(message.key) : message.text) : '';
    const control = this.element.querySelector<HTMLElement>(`#reveal-${name}`);
    if (message) control?.setAttribute('aria-invalid', 'true');
    else control?.removeAttribute('aria-invalid');
  }

  private focusField(field: RevealField): void {
    this.element.querySelector<HTMLElement>(`#reveal-${field}`)?.focus();
  }
}
