/**
 * Sliding-window counter per key (a username, a source address): at most `limit` hits in any
 * `windowMs`. In-process memory: each API node limits on its own (the lockout, which is in the
 * database, is what holds across nodes).
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Keys kept at most; beyond it the stalest are dropped, so a flood of distinct keys cannot grow memory. */
const MAX_KEYS = 50_000;

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly rule: RateLimit, private readonly now: () => number) {}

  /** Count a hit; returns 0 when allowed, else the milliseconds until the next hit would be. */
  hit(key: string): number {
    const now = this.now();
    const since = now - this.rule.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= this.rule.limit) {
      this.hits.set(key, recent);
      return recent[0]! + this.rule.windowMs - now;
    }
    recent.push(now);
    this.hits.delete(key); // re-insert: Map order is then least recently hit first
    this.hits.set(key, recent);
    if (this.hits.size > MAX_KEYS) this.hits.delete(this.hits.keys().next().value!);
    return 0;
  }
}
