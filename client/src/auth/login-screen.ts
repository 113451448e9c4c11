// The login screen: username, password and — once the server answers `totp_required` — the
// authenticator code. DOM glue only: what a failure means is login-model.ts, the request session.ts.
// Errors go on the field the server names (aria-invalid, focus there); a failure that names no field
// (wrong credentials, rate limit) is the form's alert.
import { relabelKeys } from '../i18n/relabel.js';
import { formFooter } from '../form-footer.js';
import { ApiError } from '../workspace/api.js';
import { authCard, authField, messageText, setFieldError, type AuthField, type ScreenMessage, type Translate } from './auth-dom.js';
import { loginFailure, normaliseTotp, type LoginField } from './login-model.js';
import type { AuthApi, SessionInfo } from './session.js';

export interface LoginScreenOptions {
  auth: Pick<AuthApi, 'login'>;
  t: Translate;
  /** Why the screen is shown (session expired, logged out), above the form. */
  notice?: ScreenMessage | null;
  onLoggedIn: (session: SessionInfo) => void;
}

export class LoginScreen {
  readonly element: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly fields: Record<LoginField, AuthField>;
  private readonly message: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly submitButton: HTMLButtonElement;
  private readonly errors = new Map<LoginField | 'form', ScreenMessage>();
  private busy = false;

  constructor(doc: Document, private readonly options: LoginScreenOptions) {
    const { section, card } = authCard(doc, 'login-screen', 'auth.title', 'auth.intro');
    this.notice = doc.createElement('p');
    this.notice.className = 'auth-card__notice';
    this.notice.setAttribute('role', 'status');
    this.notice.hidden = true;
    const form = doc.createElement('form');
    form.className = 'auth-form login-form';
    form.noValidate = true; // our messages, on the fields, in the current language
    this.fields = {
      username: authField(doc, { id: 'login-username', name: 'username', labelKey: 'auth.username', autocomplete: 'username' }),
      password: authField(doc, { id: 'login-password', name: 'password', labelKey: 'auth.password', type: 'password', autocomplete: 'current-password' }),
      totp: authField(doc, { id: 'login-totp', name: 'totp', labelKey: 'auth.totp', autocomplete: 'one-time-code', hintKey: 'auth.totpHint', numeric: true }),
    };
    this.fields.username.input.spellcheck = false;
    this.fields.username.input.autocapitalize = 'off';
    // Only accounts with a second factor need it; the server says so (totp_required) after the password.
    this.fields.totp.box.hidden = true;
    ({ message: this.message, submitButton: this.submitButton } = formFooter(doc, 'auth-form'));
    form.append(this.fields.username.box, this.fields.password.box, this.fields.totp.box, this.message, this.submitButton);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    card.append(this.notice, form);
    this.form = form;
    this.element = section;
    if (options.notice) this.setNotice(options.notice);
    this.relabel();
  }

  relabel(): void {
    const { t } = this.options;
    relabelKeys(this.element, t);
    this.submitButton.textContent = t(this.busy ? 'auth.submitting' : 'auth.submit');
    for (const [name, message] of this.errors) this.show(name, message);
    if (this.currentNotice) this.notice.textContent = messageText(this.currentNotice, t);
  }

  focus(): void {
    this.fields.username.input.focus();
  }

  private currentNotice: ScreenMessage | null = null;

  private setNotice(notice: ScreenMessage | null): void {
    this.currentNotice = notice;
    this.notice.hidden = !notice;
    this.notice.textContent = notice ? messageText(notice, this.options.t) : '';
  }

  private show(name: LoginField | 'form', message: ScreenMessage | null): void {
    const text = message ? messageText(message, this.options.t) : null;
    if (name === 'form') {
      this.message.hidden = text === null;
      this.message.textContent = text ?? '';
    } else setFieldError(this.fields[name], text);
  }

  private setError(name: LoginField | 'form', message: ScreenMessage): void {
    this.errors.set(name, message);
    this.show(name, message);
  }

  private clearErrors(): void {
    for (const name of [...this.errors.keys()]) this.show(name, null);
    this.errors.clear();
    this.fields.password.input.removeAttribute('aria-invalid');
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.submitButton.disabled = busy;
    this.form.setAttribute('aria-busy', String(busy));
    this.submitButton.textContent = this.options.t(busy ? 'auth.submitting' : 'auth.submit');
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    this.clearErrors();
    const username = this.fields.username.input.value.trim();
    const password = this.fields.password.input.value;
    const totpShown = !this.fields.totp.box.hidden;
    const rawTotp = this.fields.totp.input.value;
    const missing: LoginField[] = [];
    if (username === '') missing.push('username');
    if (password === '') missing.push('password');
    const totp = totpShown ? normaliseTotp(rawTotp) : null;
    if (totpShown && totp === null) missing.push('totp');
    if (missing.length > 0) {
      for (const name of missing) this.setError(name, { key: name === 'totp' ? 'auth.totpHint' : 'auth.required' });
      this.fields[missing[0]!].input.focus();
      return;
    }
    this.setBusy(true);
    try {
      const session = await this.options.auth.login(username, password, totp ?? undefined);
      this.options.onLoggedIn(session);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, (error as Error).message);
      const failure = loginFailure(e);
      const message: ScreenMessage = failure.key ? { key: failure.key, params: { message: failure.text } } : { text: failure.text };
      if (failure.needsTotp) this.fields.totp.box.hidden = false;
      this.setError(failure.field ?? 'form', message);
      if (failure.field) this.fields[failure.field].input.focus();
      else {
        // Wrong credentials: both inputs are suspect; start again at the password.
        this.fields.password.input.setAttribute('aria-invalid', 'true');
        this.fields.password.input.select();
        this.fields.password.input.focus();
      }
      if (failure.field === 'totp') this.fields.totp.input.value = '';
    } finally {
      if (this.element.isConnected) this.setBusy(false);
    }
  }
}
