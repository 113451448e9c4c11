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

  it('shares one lookup among the requests that ask while it runs, and caches its session', async () => {
    const now = 1_000_000;
    const cache = new SessionCache(1000, () => now);
    let loads = 0;
    let finish!: (value: ActiveSession | string) => void;
    const load = () => { loads++; return new Promise<ActiveSession | string>((resolve) => { finish = resolve; }); };
    const asked = Array.from({ length: 50 }, () => cache.resolve('a', load));
    finish(session(1, 7, now));
    const answers = await Promise.all(asked);
    expect(loads).toBe(1);
    expect(answers.every((answer) => typeof answer !== 'string' && answer.sessionId === 1)).toBe(true);
    expect(cache.get('a')?.sessionId).toBe(1);
    expect((await cache.resolve('a', load)) as ActiveSession).toMatchObject({ sessionId: 1 });
    expect(loads).toBe(1);
  });

  it('does not cache a lookup that a revocation overtook, nor a session that ended', async () => {
    const now = 1_000_000;
    const cache = new SessionCache(1000, () => now);
    let finish!: (value: ActiveSession | string) => void;
    const pending = cache.resolve('a', () => new Promise((resolve) => { finish = resolve; }));
    cache.forgetUser(7); // e.g. the user is disabled while the lookup runs
    finish(session(1, 7, now));
    expect(((await pending) as ActiveSession).sessionId).toBe(1); // the request already under way
    expect(cache.get('a')).toBeNull();
    expect(await cache.resolve('a', async () => 'user_disabled')).toBe('user_disabled');
    expect(cache.get('a')).toBeNull();
  });

  it('lets the next request look again after a failed lookup', async () => {
    const cache = new SessionCache(1000, () => 0);
    await expect(cache.resolve('a', async () => { throw new Error('database gone'); })).rejects.toThrow('database gone');
    expect(await cache.resolve('a', async () => session(2, 7, 0))).toMatchObject({ sessionId: 2 });
  });
});
