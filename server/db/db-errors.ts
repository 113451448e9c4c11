/**
 * A database that cannot be used at startup. `message` is the one line a user sees: what is wrong and
 * how to fix it. No stack trace is printed for these.
 */
export class DatabaseStartupError extends Error {
  constructor(readonly code: DatabaseStartupCode, message: string) {
    super(message);
    this.name = 'DatabaseStartupError';
  }
}

export type DatabaseStartupCode =
  | 'unreachable'
  | 'auth-failed'
  | 'no-database'
  | 'no-postgis'
  | 'data-dir-foreign'
  | 'data-dir-locked'
  | 'data-dir-damaged'
  | 'embedded-crashed'
  | 'embedded-timeout';
