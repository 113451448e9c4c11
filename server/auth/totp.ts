import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * TOTP (RFC 6238 over RFC 4226 HOTP) with HMAC-SHA1, 30-second steps and 6 digits: what every
 * authenticator app speaks. Codes of the previous and next step are accepted too (clock drift), and
 * a code is accepted once: verification returns the step, which the caller stores, and refuses any
 * step not after the stored one.
 */
export const STEP_SECONDS = 30;
export const DIGITS = 6;
/** Steps either side of now that still count. */
export const DRIFT_STEPS = 1;
/** Bytes of a new secret (160 bits, RFC 4226's recommendation). */
export const SECRET_BYTES = 20;

export function newTotpSecret(): Buffer {
  return randomBytes(SECRET_BYTES);
}

export const stepAt = (ms: number): number => Math.floor(ms / 1000 / STEP_SECONDS);

/** The HOTP value for one counter (RFC 4226 §5.3, dynamic truncation). */
export function hotp(secret: Buffer, counter: number, digits = DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpAt(secret: Buffer, ms: number, digits = DIGITS): string {
  return hotp(secret, stepAt(ms), digits);
}

/**
 * The step a code belongs to if it is valid at `ms` (±DRIFT_STEPS) and later than `lastStep`;
 * null otherwise. Compares in constant time.
 */
export function verifyTotp(secret: Buffer, code: string, ms: number, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = stepAt(ms);
  let accepted: number | null = null;
  for (let step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
    const match = timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code));
    if (match && accepted === null) accepted = step;
  }
  if (accepted === null || (lastStep !== null && accepted <= lastStep)) return null;
  return accepted;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps expect it. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: "${char}"`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function otpauthUri(secret: Buffer, username: string, issuer = 'Beat Atlas'): string {
  const label = encodeURIComponent(`${issuer}:${username}`);
  return `otpauth://totp/${label}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${DIGITS}&period=${STEP_SECONDS}`;
}
