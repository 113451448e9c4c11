// The edit form of a record, inside the record panel. DOM glue only: inputs and values come from
// form-model.ts (driven by the register specs), saving from api.ts. PATCH sends only the changed
// fields with If-Match; a 400 is shown on the field the server names; a 412 opens the conflict dialog
// (conflict-dialog.ts) — re-apply on the current version or discard, never a silent overwrite.
import { relabelKeys } from '../i18n/relabel.js';
import { formFooter } from '../form-footer.js';
import { isMessageKey, type MessageKey, type Params } from '../i18n/index.js';
import { ApiError, type Api, type RecordJson, type VersionedRecord } from '../workspace/api.js';
import { fieldLabel, maskedFields, type RecordRef } from '../workspace/record-view.js';
import { showConflictDialog } from './conflict-dialog.js';
import {
  changedMeanwhile,
  conflictRows,
  draftChanges,
  formFields,
  reapplyChanges,
  serverFieldError,
  initialFormValue,
  specOf,
  type FormField,
  type FormValue,
} from './form-model.js';

export interface EditFormOptions {
  api: Pick<Api, 'patch' | 'recordForEdit' | 'history'>;
  t: (key: MessageKey, params?: Params) => string;
  ref: RecordRef;
  /** The record and ETag as last read. */
  current: VersionedRecord;
  formatTime: (iso: string) => string;
  /** Saved (the new record), discarded after a conflict (the current record) or cancelled (null). */
  onDone: (record: RecordJson | null) => void;
}

type Outcome = { kind: 'saved'; record: RecordJson } | { kind: 'back' };

export class EditForm {
  readonly element: HTMLFormElement;
  private readonly fields: FormField[];
  private base: RecordJson;
  private etag: string;
  private saving = false;
  private readonly message: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private messageKey: { key: MessageKey; params?: Params } | null = null;
  private readonly fieldErrors = new Map<string, { key: MessageKey; params?: Params } | { text: string }>();

  constructor(doc: Document, private readonly options: EditFormOptions) {
    const spec = specOf(options.ref.register);
    if (!spec) throw new Error(`no spec for register ${options.ref.register}`);
    this.fields = formFields(spec);
    this.base = options.current.record;
    this.etag = options.current.etag;
    const form = doc.createElement('form');
    form.className = 'edit-form';
    form.noValidate = true; // the server's messages are the ones shown, on the fields
    form.dataset.record = `${options.ref.register}/${options.ref.id}`;
    for (const field of this.fields) form.append(this.buildField(doc, field));

    const reasonBox = doc.createElement('div');
    reasonBox.className = 'edit-field edit-field--reason';
    const reasonLabel = doc.createElement('label');
    reasonLabel.htmlFor = 'edit-reason';
    reasonLabel.dataset.i18nKey = 'edit.reason';
    const reason = doc.createElement('textarea');
    reason.id = 'edit-reason';
    reason.name = 'reason';
    reason.rows = 2;
    reason.maxLength = 500;
    reasonBox.append(reasonLabel, reason);

    const footer = formFooter(doc, 'edit-form', { submit: 'save', cancel: { key: 'edit.cancel', onClick: () => this.options.onDone(null) } });
    this.message = footer.message;
    this.saveButton = footer.submitButton;
    form.append(reasonBox, this.message, footer.actions!);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.element = form;
    this.relabel();
  }

  /** Labels, options and messages in the current language; values stay as typed. */
  relabel(): void {
    const { t } = this.options;
    relabelKeys(this.element, t);
    for (const el of this.element.querySelectorAll<HTMLElement>('[data-field-label]')) el.textContent = fieldLabel(el.dataset.fieldLabel!, t);
    for (const el of this.element.querySelectorAll<HTMLElement>('[data-enum-field]')) {
      const key = `value.${el.dataset.enumField}.${el.dataset.value}`;
      el.textContent = isMessageKey(key) ? t(key) : el.dataset.value!;
    }
    this.saveButton.textContent = t(this.saving ? 'edit.saving' : 'edit.save');
    for (const [name, error] of this.fieldErrors) this.showFieldError(name, error);
    if (this.messageKey) this.message.textContent = t(this.messageKey.key, this.messageKey.params);
  }

  /** Focuses the first input. */
  focus(): void {
    this.element.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }

  private buildField(doc: Document, field: FormField): HTMLElement {
    const box = doc.createElement('div');
    box.className = `edit-field edit-field--${field.input}`;
    box.dataset.field = field.name;
    const id = `edit-${field.name}`;
    const errorId = `${id}-error`;
    // A masked field starts empty and says why: what is typed replaces the hidden value, empty keeps it.
    const masked = maskedFields(this.base).includes(field.name);
    const value = initialFormValue(field, this.base);
    const hint = doc.createElement('p');
    hint.className = 'edit-field__hint';
    hint.dataset.i18nKey = 'edit.maskedHint';
    if (masked) box.dataset.masked = '1';
    const labelText = doc.createElement('span');
    labelText.dataset.fieldLabel = field.name;
    const required = () => {
      const mark = doc.createElement('span');
      mark.className = 'edit-field__required';
      mark.dataset.i18nKey = 'edit.required';
      return mark;
    };
    const error = doc.createElement('p');
    error.className = 'edit-field__error';
    error.id = errorId;
    error.hidden = true;

    if (field.input === 'checkboxes') {
      const fieldset = doc.createElement('fieldset');
      fieldset.className = 'edit-field__set';
      fieldset.setAttribute('aria-describedby', errorId);
      const legend = doc.createElement('legend');
      legend.append(labelText);
      if (field.required) legend.append(' ', required());
      fieldset.append(legend);
      for (const option of field.values) {
        const label = doc.createElement('label');
        label.className = 'edit-field__check';
        const input = doc.createElement('input');
        input.type = 'checkbox';
        input.name = field.name;
        input.value = option;
        input.checked = Array.isArray(value) && value.includes(option);
        const text = doc.createElement('span');
        text.dataset.enumField = field.name;
        text.dataset.value = option;
        label.append(input, text);
        fieldset.append(label);
      }
      box.append(fieldset, ...(masked ? [hint] : []), error);
      return box;
    }

    const label = doc.createElement('label');
    label.htmlFor = id;
    label.append(labelText);
    if (field.required && !masked) label.append(' ', required());
    let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (field.input === 'select') {
      const select = doc.createElement('select');
      if (!field.required || value === '') {
        const none = doc.createElement('option');
        none.value = '';
        none.dataset.i18nKey = 'edit.none';
        select.append(none);
      }
      for (const option of field.values) {
        const el = doc.createElement('option');
        el.value = option;
        el.dataset.enumField = field.name;
        el.dataset.value = option;
        select.append(el);
      }
      select.value = String(value);
      control = select;
    } else if (field.input === 'textarea') {
      const area = doc.createElement('textarea');
      area.rows = 3;
      area.value = String(value);
      if (field.maxLength) area.maxLength = field.maxLength;
      control = area;
    } else {
      const input = doc.createElement('input');
      input.type = field.input;
      if (field.input === 'checkbox') input.checked = value === true;
      else input.value = String(value);
      if (field.maxLength && field.input === 'text') input.maxLength = field.maxLength;
      if (field.min !== null) input.min = String(field.min);
      if (field.max !== null) input.max = String(field.max);
      if (field.step) input.step = field.step;
      if (field.input === 'number') input.inputMode = field.step === '1' ? 'numeric' : 'decimal';
      control = input;
    }
    control.id = id;
    control.name = field.name;
    if (field.required && !masked) control.setAttribute('aria-required', 'true');
    if (masked) {
      hint.id = `${id}-hint`;
      control.setAttribute('aria-describedby', `${hint.id} ${errorId}`);
      box.append(label, control, hint, error);
    } else {
      control.setAttribute('aria-describedby', errorId);
      box.append(label, control, error);
    }
    return box;
  }

  private readDraft(): Record<string, FormValue> {
    const draft: Record<string, FormValue> = {};
    for (const field of this.fields) {
      if (field.input === 'checkboxes') {
        draft[field.name] = [...this.element.querySelectorAll<HTMLInputElement>(`input[name="${field.name}"]:checked`)].map((i) => i.value);
      } else {
        const control = this.element.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
        if (!control) continue;
        draft[field.name] = control instanceof HTMLInputElement && control.type === 'checkbox' ? control.checked : control.value;
      }
    }
    return draft;
  }

  private showFieldError(name: string, error: { key: MessageKey; params?: Params } | { text: string } | null): void {
    const box = this.element.querySelector<HTMLElement>(`.edit-field[data-field="${name}"]`);
    if (!box) return;
    const p = box.querySelector<HTMLElement>('.edit-field__error')!;
    if (error) this.fieldErrors.set(name, error);
    else this.fieldErrors.delete(name);
    p.hidden = !error;
    p.textContent = error ? ('text' in error ? error.text : this.options.t(error.key, error.params)) : '';
    box.classList.toggle('edit-field--invalid', !!error);
    for (const control of box.querySelectorAll('input, select, textarea, fieldset')) {
      if (error) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }

  private setMessage(message: { key: MessageKey; params?: Params } | null): void {
    this.messageKey = message;
    this.message.hidden = !message;
    this.message.textContent = message ? this.options.t(message.key, message.params) : '';
  }

  private setSaving(saving: boolean): void {
    this.saving = saving;
    this.saveButton.disabled = saving;
    this.saveButton.textContent = this.options.t(saving ? 'edit.saving' : 'edit.save');
    this.element.setAttribute('aria-busy', String(saving));
  }

  private focusField(name: string): void {
    const box = this.element.querySelector<HTMLElement>(`.edit-field[data-field="${name}"]`);
    box?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }

  private async submit(): Promise<void> {
    if (this.saving) return;
    for (const field of this.fields) this.showFieldError(field.name, null);
    this.setMessage(null);
    const { changes, errors } = draftChanges(this.fields, this.base, this.readDraft());
    const invalid = Object.entries(errors);
    if (invalid.length > 0) {
      for (const [name, key] of invalid) this.showFieldError(name, { key });
      this.setMessage({ key: 'edit.invalid' });
      this.focusField(invalid[0]![0]);
      return;
    }
    if (Object.keys(changes).length === 0) {
      this.setMessage({ key: 'edit.noChanges' });
      return;
    }
    const reason = (this.element.elements.namedItem('reason') as HTMLTextAreaElement | null)?.value.trim() ?? '';
    this.setSaving(true);
    try {
      const outcome = await this.save(changes, reason);
      if (outcome.kind === 'saved') {
        this.options.onDone(outcome.record);
        return;
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const { field, reason: why } = serverFieldError(this.fields, { field: error.field, message: error.message });
        if (field) {
          this.showFieldError(field, { text: why });
          this.setMessage({ key: 'edit.invalid' });
          this.focusField(field);
        } else this.setMessage({ key: 'edit.failed', params: { message: error.message } });
      } else this.setMessage({ key: 'edit.failed', params: { message: (error as Error).message } });
    } finally {
      if (this.element.isConnected) this.setSaving(false);
    }
  }

  /** PATCH; on 412 the conflict dialog decides, as often as the record keeps changing underneath. */
  private async save(changes: Record<string, unknown>, reason: string): Promise<Outcome> {
    const { api, ref, t } = this.options;
    let pending = changes;
    for (;;) {
      try {
        const saved = await api.patch(ref, this.etag, reason ? { ...pending, reason } : pending);
        return { kind: 'saved', record: saved.record };
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 412) throw error;
      }
      const latest = await api.recordForEdit(ref);
      const history = await api.history(ref).catch(() => []);
      const by = changedMeanwhile(history, Number(this.base.version));
      const choice = await showConflictDialog(this.element.ownerDocument, {
        rows: conflictRows(this.fields, this.base, pending, latest.record),
        version: Number(latest.record.version),
        by: by ? { actor: by.actor, at: by.at } : null,
      }, t, this.options.formatTime);
      if (choice === 'back') return { kind: 'back' };
      if (choice === 'discard') return { kind: 'saved', record: latest.record };
      // Re-apply: the officer's changes on top of the version they have now seen.
      this.base = latest.record;
      this.etag = latest.etag;
      pending = reapplyChanges(this.fields, pending, latest.record);
      if (Object.keys(pending).length === 0) return { kind: 'saved', record: latest.record };
    }
  }
}
