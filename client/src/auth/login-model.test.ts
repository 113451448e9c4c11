import { describe, expect, it } from 'vitest';
import { loginFailure, normaliseTotp } from './login-model.js';

const failure = (status: number, code: string | null, field: string | null, message: string) => loginFailure({ status, code, field, message });

describe('login failures', () => {
  it('puts TOTP answers on the code field and asks for the code from then on', () => {
    expect(failure(401, 'totp_required', 'totp', 'totp: enter the code')).toMatchObject({ field: 'totp', key: 'auth.totpRequired', needsTotp: true });
    expect(failure(401, 'invalid_totp', 'totp', 'totp: wrong')).toMatchObject({ field: 'totp', key: 'auth.invalidTotp', needsTotp: true });
  });

  it('shows wrong credentials and rate limits on the form', () => {
    expect(failure(401, 'invalid_credentials', null, 'username or password is wrong')).toMatchObject({ field: null, key: 'auth.invalidCredentials', needsTotp: false });
    expect(failure(429, 'rate_limited', null, 'too many')).toMatchObject({ field: null, key: 'auth.rateLimited' });
    expect(failure(429, null, null, 'too many')).toMatchObject({ field: null, key: 'auth.rateLimited' });
  });

  it('shows other messages on the field the server names, without its prefix; else on the form', () => {
    expect(failure(400, 'bad_request', 'body.username', 'body.username: must have at most 40 characters'))
      .toEqual({ field: 'username', key: null, text: 'must have at most 40 characters', needsTotp: false });
    expect(failure(500, null, null, 'HTTP 500')).toEqual({ field: null, key: 'auth.failed', text: 'HTTP 500', needsTotp: false });
  });

  it('reads a typed code', () => {
    expect(normaliseTotp(' 123 456 ')).toBe('123456');
    expect(normaliseTotp('123-456')).toBe('123456');
    expect(normaliseTotp('12345')).toBeNull();
    expect(normaliseTotp('12345a')).toBeNull();
  });
});
