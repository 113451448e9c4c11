import { describe, expect, it } from 'vitest';
import { hashPassword, verifyDummy, verifyPassword } from './password.js';

describe('argon2id password hashes', () => {
  it('stores argon2id with its parameters and verifies the same password only', async () => {
    const stored = await hashPassword('river lantern 7 crane');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'river lantern 7 crane')).toBe(true);
    expect(await verifyPassword(stored, 'river lantern 7 crane ')).toBe(false);
  });

  it('does not truncate: 100-character passwords differing in the 73rd character do not match', async () => {
    const base = 'a'.repeat(72) + 'b' + 'c'.repeat(27);
    const other = 'a'.repeat(72) + 'X' + 'c'.repeat(27);
    expect(base).toHaveLength(100);
    const stored = await hashPassword(base);
    expect(await verifyPassword(stored, base)).toBe(true);
    expect(await verifyPassword(stored, other)).toBe(false);
  });

  it('never matches an unparseable hash or the dummy', async () => {
    expect(await verifyPassword('not-a-hash', 'anything at all')).toBe(false);
    expect(await verifyDummy('anything at all')).toBe(false);
  });

  it('hashes a burst of concurrent requests, all correct (at most two run at once)', async () => {
    const hashes = await Promise.all(Array.from({ length: 6 }, (_, i) => hashPassword(`burst password ${i}`)));
    const checks = await Promise.all(hashes.map((stored, i) => verifyPassword(stored, `burst password ${i}`)));
    expect(checks).toEqual([true, true, true, true, true, true]);
  });
});
