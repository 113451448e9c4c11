import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totpAt, verifyTotp } from './totp.js';

// RFC 6238 appendix B (SHA-1 rows) and RFC 4226 appendix D.
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP', () => {
  it('matches the RFC 4226 HOTP test values', () => {
    expect([0, 1, 2, 9].map((c) => hotp(RFC_SECRET, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('matches the RFC 6238 SHA-1 test values (8 digits)', () => {
    const cases: [number, string][] = [[59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
      [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130']];
    for (const [seconds, code] of cases) expect(totpAt(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it('accepts the previous, current and next step, not two steps away', () => {
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step - 1), now, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step), now, null)).toBe(step);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step + 1), now, null)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step - 2), now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step + 2), now, null)).toBeNull();
  });

  it('accepts a code once: the same or an earlier step after a used one is refused', () => {
    const now = 1_800_000_000_000;
    const code = totpAt(RFC_SECRET, now);
    const used = verifyTotp(RFC_SECRET, code, now, null);
    expect(used).not.toBeNull();
    expect(verifyTotp(RFC_SECRET, code, now + 1000, used)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpAt(RFC_SECRET, now - 30_000), now, used)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpAt(RFC_SECRET, now + 30_000), now + 30_000, used)).toBe(used! + 1);
  });

  it('refuses malformed codes', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', ' 12345']) expect(verifyTotp(RFC_SECRET, code, 0, null)).toBeNull();
  });

  it('round-trips base32 (RFC 4648 vectors) and builds the otpauth URI', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Encode(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(otpauthUri(RFC_SECRET, 'li.wei')).toBe(
      'otpauth://totp/Beat%20Atlas%3Ali.wei?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Beat%20Atlas&algorithm=SHA1&digits=6&period=30');
  });
});
