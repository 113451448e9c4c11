import type { RateLimit } from './rate-limiter.js';

/**
 * How accounts and sessions behave. Every duration is in milliseconds. The clock is injectable so
 * tests can move time (idle and absolute expiry, the lockout window, TOTP steps).
 */
export interface AuthSettings {
  clock: () => Date;
  /** A session unused this long is over (30 min). */
  idleTimeoutMs: number;
  /** A session is over this long after login however active it is (12 h). */
  absoluteTimeoutMs: number;
  /** This many failed logins within `lockoutWindowMs` lock the account until an admin unlocks it. */
  lockoutFailures: number;
  lockoutWindowMs: number;
  /** Login attempts per username and per source address (429 beyond). */
  loginPerUsername: RateLimit;
  loginPerAddress: RateLimit;
  /** Reveals of personal data per user (429 beyond): a purpose is given for each, so they are few. */
  revealPerUser: RateLimit;
  /** Searches per user: the box sends one per pause in typing; a script enumerating residents sends thousands. */
  searchPerUser: RateLimit;
  /** How long a resolved session is reused in this process (revocations here drop it at once; other nodes within this). */
  sessionCacheMs: number;
  /** Secure cookie flag: 'auto' sets it when the request came over https (request.protocol). */
  secureCookie: boolean | 'auto';
}

export type AuthOptions = Partial<AuthSettings>;

const MINUTE = 60_000;

export function authSettings(options: AuthOptions = {}): AuthSettings {
  return {
    clock: () => new Date(),
    idleTimeoutMs: 30 * MINUTE,
    absoluteTimeoutMs: 12 * 60 * MINUTE,
    lockoutFailures: 5,
    lockoutWindowMs: 15 * MINUTE,
    // Per username: above the lockout's 5, so the lockout (not the limiter) is what a guesser meets first.
    loginPerUsername: { limit: 10, windowMs: 15 * MINUTE },
    // Per address: a station's officers may share one NAT address.
    loginPerAddress: { limit: 100, windowMs: 15 * MINUTE },
    revealPerUser: { limit: 30, windowMs: 60 * MINUTE },
    searchPerUser: { limit: 600, windowMs: MINUTE },
    sessionCacheMs: 1000,
    secureCookie: 'auto',
    ...options,
  };
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'beat_atlas_session';
/** Header that must carry the session's CSRF token on unsafe methods (see csrf in auth-plugin.ts). */
export const CSRF_HEADER = 'x-csrf-token';
/** last_seen_at is written at most this often per session (a write per request would serialise the embedded engine). */
export const TOUCH_INTERVAL_MS = MINUTE;
