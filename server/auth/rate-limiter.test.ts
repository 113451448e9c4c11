import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows `limit` hits per window per key, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 }, () => now);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')]).toEqual([0, 0, 0]);
    now += 10_000;
    expect(limiter.hit('a')).toBe(50_000);
    expect(limiter.hit('b')).toBe(0);
    now += 50_001;
    expect(limiter.hit('a')).toBe(0);
  });

  it('slides: a hit leaves the window exactly windowMs after it happened', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 }, () => now);
    limiter.hit('k');
    now = 500;
    limiter.hit('k');
    now = 999;
    expect(limiter.hit('k')).toBe(1);
    now = 1001;
    expect(limiter.hit('k')).toBe(0);
    expect(limiter.hit('k')).toBe(499);
  });
});
