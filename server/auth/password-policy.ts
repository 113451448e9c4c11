import { readFileSync } from 'node:fs';

/** Shortest password accepted, in characters (code points). */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest accepted: argon2 would take more, but hashing megabytes per login is a denial of service. */
export const MAX_PASSWORD_LENGTH = 1024;

let common: Set<string> | null = null;

/** The shipped list of common passwords (common-passwords.txt), lower-cased. */
function commonPasswords(): Set<string> {
  common ??= new Set(readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map((line) => line.toLowerCase()));
  return common;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'is one of the most common passwords; choose another';
  if (lower.includes(username.toLowerCase())) return 'must not contain the username';
  return null;
}
