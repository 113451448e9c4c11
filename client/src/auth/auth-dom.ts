// Small DOM pieces the login and TOTP enrolment screens share: a full-page card, a labelled input
// with its error line, and texts re-read from the catalogue on a language switch. DOM glue only.
import type { MessageKey, Params } from '../i18n/index.js';

export type Translate = (key: MessageKey, params?: Params) => string;

/** A message as a catalogue key (re-translated on a language switch) or as fixed text (the server's). */
export type ScreenMessage = { key: MessageKey; params?: Params } | { text: string };

export const messageText = (message: ScreenMessage, t: Translate): string =>
  'key' in message ? t(message.key, message.params) : message.text;

/** The screen over the map area: a section with a card holding a title, an intro and a form. */
export function authCard(doc: Document, id: string, titleKey: MessageKey, introKey: MessageKey): { section: HTMLElement; card: HTMLElement } {
  const section = doc.createElement('section');
  section.id = id;
  section.className = 'auth-screen';
  section.setAttribute('aria-labelledby', `${id}-title`);
  const card = doc.createElement('div');
  card.className = 'auth-card';
  const title = doc.createElement('h2');
  title.id = `${id}-title`;
  title.className = 'auth-card__title';
  title.dataset.i18nKey = titleKey;
  title.tabIndex = -1;
  const intro = doc.createElement('p');
  intro.className = 'auth-card__intro';
  intro.dataset.i18nKey = introKey;
  card.append(title, intro);
  section.append(card);
  return { section, card };
}

export interface AuthField {
  box: HTMLElement;
  input: HTMLInputElement;
  error: HTMLElement;
}

export function authField(doc: Document, options: {
  id: string; name: string; labelKey: MessageKey; type?: string; autocomplete?: string; hintKey?: MessageKey; numeric?: boolean;
}): AuthField {
  const box = doc.createElement('div');
  box.className = 'auth-field';
  box.dataset.field = options.name;
  const label = doc.createElement('label');
  label.htmlFor = options.id;
  label.dataset.i18nKey = options.labelKey;
  const input = doc.createElement('input');
  input.id = options.id;
  input.name = options.name;
  input.type = options.type ?? 'text';
  if (options.autocomplete) input.autocomplete = options.autocomplete as AutoFill;
  if (options.numeric) {
    input.inputMode = 'numeric';
    input.maxLength = 7; // six digits, a space allowed in the middle
  }
  input.setAttribute('aria-required', 'true');
  const error = doc.createElement('p');
  error.className = 'auth-field__error';
  error.id = `${options.id}-error`;
  error.hidden = true;
  const described = [error.id];
  box.append(label, input);
  if (options.hintKey) {
    const hint = doc.createElement('p');
    hint.className = 'auth-field__hint';
    hint.id = `${options.id}-hint`;
    hint.dataset.i18nKey = options.hintKey;
    described.unshift(hint.id);
    box.append(hint);
  }
  box.append(error);
  input.setAttribute('aria-describedby', described.join(' '));
  return { box, input, error };
}

/** Shows (or clears) a field's error: text under it, aria-invalid on the input. */
export function setFieldError(field: AuthField, text: string | null): void {
  field.error.hidden = text === null;
  field.error.textContent = text ?? '';
  if (text === null) field.input.removeAttribute('aria-invalid');
  else field.input.setAttribute('aria-invalid', 'true');
}

