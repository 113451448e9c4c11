// TOTP enrolment for a session in stage `totp_enrolment` (a commander or admin without a second
// factor yet): asks the server for a new secret, shows it as text and as the otpauth URI (no QR
// library: the key can be typed into any authenticator app), and confirms with a code. The confirmed
// session is a full one. DOM glue only.
import { relabelKeys } from '../i18n/relabel.js';
import { formFooter } from '../form-footer.js';
import { ApiError } from '../workspace/api.js';
import { authCard, authField, messageText, setFieldError, type ScreenMessage, type Translate } from './auth-dom.js';
import { normaliseTotp } from './login-model.js';
import type { AuthApi, SessionInfo } from './session.js';

export interface EnrolmentScreenOptions {
  auth: Pick<AuthApi, 'enrolTotp' | 'confirmTotp'>;
  t: Translate;
  onConfirmed: (session: SessionInfo) => void;
  /** The session ended meanwhile (401). */
  onExpired: () => void;
}

export class EnrolmentScreen {
  readonly element: HTMLElement;
  private readonly secret: HTMLElement;
  private readonly uri: HTMLElement;
  private readonly codeField: ReturnType<typeof authField>;
  private readonly message: HTMLElement;
  private readonly submitButton: HTMLButtonElement;
  private readonly form: HTMLFormElement;
  private fieldError: ScreenMessage | null = null;
  private formError: ScreenMessage | null = null;
  private busy = false;
  private ready = false;

  constructor(doc: Document, private readonly options: EnrolmentScreenOptions) {
    const { section, card } = authCard(doc, 'enrol-screen', 'enrol.title', 'enrol.intro');
    const keys = doc.createElement('dl');
    keys.className = 'enrol-keys';
    const row = (labelKey: 'enrol.secret' | 'enrol.uri', id: string) => {
      const dt = doc.createElement('dt');
      dt.dataset.i18nKey = labelKey;
      const dd = doc.createElement('dd');
      const code = doc.createElement('code');
      code.id = id;
      dd.append(code);
      keys.append(dt, dd);
      return code;
    };
    this.secret = row('enrol.secret', 'totp-secret');
    this.uri = row('enrol.uri', 'totp-uri');
    this.secret.dataset.i18nKey = 'enrol.loading';
    const form = doc.createElement('form');
    form.className = 'auth-form enrol-form';
    form.noValidate = true;
    this.codeField = authField(doc, { id: 'enrol-code', name: 'code', labelKey: 'enrol.code', autocomplete: 'one-time-code', numeric: true });
    ({ message: this.message, submitButton: this.submitButton } = formFooter(doc, 'auth-form'));
    this.submitButton.disabled = true; // until the secret is there
    form.append(this.codeField.box, this.message, this.submitButton);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.confirm();
    });
    card.append(keys, form);
    this.form = form;
    this.element = section;
    this.relabel();
    void this.start();
  }

  relabel(): void {
    const { t } = this.options;
    relabelKeys(this.element, t);
    this.submitButton.textContent = t(this.busy ? 'enrol.confirming' : 'enrol.confirm');
    setFieldError(this.codeField, this.fieldError ? messageText(this.fieldError, t) : null);
    this.message.hidden = !this.formError;
    this.message.textContent = this.formError ? messageText(this.formError, t) : '';
  }

  focus(): void {
    this.element.querySelector<HTMLElement>('.auth-card__title')?.focus();
  }

  private async start(): Promise<void> {
    try {
      const enrolment = await this.options.auth.enrolTotp();
      delete this.secret.dataset.i18nKey;
      this.secret.textContent = enrolment.secret;
      this.uri.textContent = enrolment.otpauthUri;
      this.ready = true;
      this.submitButton.disabled = false;
      this.codeField.input.focus();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return this.options.onExpired();
      this.formError = { key: 'enrol.failed', params: { message: (error as Error).message } };
      this.relabel();
    }
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.submitButton.disabled = busy || !this.ready;
    this.form.setAttribute('aria-busy', String(busy));
    this.relabel();
  }

  private async confirm(): Promise<void> {
    if (this.busy || !this.ready) return;
    this.fieldError = null;
    this.formError = null;
    const code = normaliseTotp(this.codeField.input.value);
    if (!code) {
      this.fieldError = { key: 'enrol.codeRule' };
      this.relabel();
      this.codeField.input.focus();
      return;
    }
    this.setBusy(true);
    try {
      const session = await this.options.auth.confirmTotp(code);
      this.options.onConfirmed(session);
      return;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return this.options.onExpired();
      if (error instanceof ApiError && (error.status === 400 || error.code === 'invalid_totp')) this.fieldError = { key: 'enrol.invalidCode' };
      else if (error instanceof ApiError && error.status === 429) this.formError = { key: 'auth.rateLimited' };
      else this.formError = { key: 'enrol.failed', params: { message: (error as Error).message } };
      this.codeField.input.value = '';
      this.codeField.input.focus();
    } finally {
      if (this.element.isConnected) this.setBusy(false);
    }
  }
}
