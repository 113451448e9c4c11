import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in a session token (256 bits). */
const TOKEN_BYTES = 32;

/** A new opaque session token for the cookie; only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * The CSRF token of a session: derived from the session token, so it needs no storage and changes
 * with every login. The cookie is httpOnly, so a page can only learn this value from our own
 * `/api/auth/me` or login answer (same-origin JSON); another site can neither read it nor make a
 * browser send it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update('csrf\n').update(sessionToken).digest('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
