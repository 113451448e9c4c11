import { describe, expect, it } from 'vitest';
import type { ActiveSession } from './auth-service.js';
import { SessionCache } from './session-cache.js';

const session = (id: number, userId: number, now: number): ActiveSession => ({
  sessionId: id, stage: 'full', expiresAt: new Date(now + 3_600_000), idleExpiresAt: new Date(now + 1_800_000),
  user: { id: userId } as ActiveSession['user'],
});

describe('SessionCache', () => {
  it('serves a session for the TTL, then asks again', () => {
    let now = 1_000_000;
    const cache = new SessionCache(1000, () => now);
    cache.set('a', session(1, 7, now));
    now += 999;
    expect(cache.get('a')?.sessionId).toBe(1);
    now += 1;
    expect(cache.get('a')).toBeNull();
  });

  it('never serves past the session\'s own deadlines, and forgets at once on revocation', () => {
    let now = 1_000_000;
    const cache = new SessionCache(10 * 3_600_000, () => now);
    cache.set('a', session(1, 7, now));
    cache.set('b', session(2, 7, now));
    cache.set('c', session(3, 8, now));
    cache.forgetSession(1);
    expect(cache.get('a')).toBeNull();
    cache.forgetUser(7);
    expect(cache.get('b')).toBeNull();
    expect(cache.get('c')?.sessionId).toBe(3);
    now += 1_800_000;
    expect(cache.get('c')).toBeNull();
  });

  it('holds nothing with a TTL of 0', () => {
    const cache = new SessionCache(0, () => 0);
    cache.set('a', session(1, 7, 0));
    expect(cache.get('a')).toBeNull();
  });
});
