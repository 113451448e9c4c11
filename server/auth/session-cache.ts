import type { ActiveSession } from './auth-service.js';

/** Sessions held at most this many; beyond it the oldest are dropped (a flood of tokens cannot grow memory). */
const MAX_ENTRIES = 10_000;

/**
 * Live sessions resolved in the last `ttlMs` (1 s by default), so a map opening — a hundred tile
 * requests in a second — costs one session lookup, not a hundred: on the tile path the lookup was
 * half the cost of an uncached tile and nearly all of a cached one.
 *
 * Revocation stays immediate in this process: logout, TOTP confirmation and disabling a user drop
 * the entries at once. Another API node sees a revocation within `ttlMs`. Expiry is checked on
 * every hit against the session's own deadlines, on the injectable clock.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: ActiveSession; at: number }>();
  private readonly loading = new Map<string, Promise<ActiveSession | string>>();
  /** Bumped by every revocation: a lookup that one overtook is not cached. */
  private revocations = 0;

  constructor(private readonly ttlMs: number, private readonly now: () => number) {}

  /**
   * The session of `token` from the cache, or from `load` (a session, or why there is none) — one
   * load shared by every request that asks while it runs. Without that, each time the entry expired
   * under load every request in flight looked the same session up again: 272 lookups in 10 s of the
   * registers bench (50 clients, one user) where ten would do. A load that a revocation overtook
   * answers its callers, as a request already under way would have been, but is not cached.
   */
  resolve(token: string, load: () => Promise<ActiveSession | string>): Promise<ActiveSession | string> {
    const cached = this.get(token);
    if (cached) return Promise.resolve(cached);
    let pending = this.loading.get(token);
    if (!pending) {
      const revocations = this.revocations;
      pending = load()
        .then((result) => {
          if (typeof result !== 'string' && revocations === this.revocations) this.set(token, result);
          return result;
        })
        .finally(() => this.loading.delete(token));
      this.loading.set(token, pending);
    }
    return pending;
  }

  get(token: string): ActiveSession | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    const now = this.now();
    if (now - entry.at >= this.ttlMs || now < entry.at || now >= entry.session.expiresAt.getTime() || now >= entry.session.idleExpiresAt.getTime()) {
      this.entries.delete(token);
      return null;
    }
    return entry.session;
  }

  set(token: string, session: ActiveSession): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(token);
    this.entries.set(token, { session, at: this.now() });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  forgetSession(sessionId: number): void {
    this.revocations++;
    for (const [token, entry] of this.entries) if (entry.session.sessionId === sessionId) this.entries.delete(token);
  }

  forgetUser(userId: number): void {
    this.revocations++;
    for (const [token, entry] of this.entries) if (entry.session.user.id === userId) this.entries.delete(token);
  }
}
