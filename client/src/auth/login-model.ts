// Where a failed login is shown and with which words. Pure: the login screen (login-screen.ts) and
// the TOTP enrolment screen only place what this decides.
import type { MessageKey } from '../i18n/index.js';

export type LoginField = 'username' | 'password' | 'totp';

export interface LoginFailure {
  /** The input the message belongs on (null: the form as a whole). */
  field: LoginField | null;
  /** Our words for the server's known codes; null → show `text` (the server's message). */
  key: MessageKey | null;
  text: string;
  /** The server wants a TOTP code: show the code field from now on. */
  needsTotp: boolean;
}

/** A failed `POST /api/auth/login` (status, error code, field, message) → what the form shows. */
export function loginFailure(error: { status: number; code: string | null; field: string | null; message: string }): LoginFailure {
  const named = (error.field ?? '').replace(/^body\./, '').split('.')[0];
  const field: LoginField | null = named === 'username' || named === 'password' || named === 'totp' ? named : null;
  switch (error.code) {
    case 'totp_required':
      return { field: 'totp', key: 'auth.totpRequired', text: error.message, needsTotp: true };
    case 'invalid_totp':
      return { field: 'totp', key: 'auth.invalidTotp', text: error.message, needsTotp: true };
    case 'invalid_credentials':
      // The server doesn't say which of the two was wrong (on purpose): the message is the form's.
      return { field: null, key: 'auth.invalidCredentials', text: error.message, needsTotp: false };
    case 'rate_limited':
      return { field: null, key: 'auth.rateLimited', text: error.message, needsTotp: false };
  }
  if (error.status === 429) return { field: null, key: 'auth.rateLimited', text: error.message, needsTotp: false };
  const prefix = error.field ? `${error.field}: ` : '';
  const text = prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { field, key: field ? null : 'auth.failed', text, needsTotp: field === 'totp' };
}

/** A TOTP code as typed ("123 456") → six digits, or null. */
export function normaliseTotp(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  return /^[0-9]{6}$/.test(digits) ? digits : null;
}
