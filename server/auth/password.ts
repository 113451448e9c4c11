import { hash, verify, type Options } from '@node-rs/argon2';

/**
 * Password hashing: argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane), stored as
 * a PHC string so the parameters travel with each hash and can be raised later. Argon2 hashes the
 * whole password (no 72-byte cut as in bcrypt); the length cap is the schema's.
 */
// algorithm 2 is Argon2id (a const enum in the package's types, which isolated modules cannot import).
const OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * At most this many hashes at once: each holds 19 MiB while it runs, so a burst of 50 logins would
 * otherwise take ~1 GB. The rest wait their turn (a login is ~50 ms of one core anyway).
 */
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function gated<T>(work: () => Promise<T>): Promise<T> {
  // A finished hash hands its slot straight to the next waiter, so no newcomer can slip in between.
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return gated(() => hash(password, OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await gated(() => verify(passwordHash, password));
  } catch {
    return false; // an unparseable stored hash never matches
  }
}

let dummy: Promise<string> | null = null;

/**
 * Verify against a hash no password has: used for unknown usernames so that they take as long as a
 * wrong password for a real one (no user enumeration by timing).
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword(`no-such-user:${Math.random()}:${Date.now()}`);
  await verifyPassword(await dummy, password);
  return false;
}
