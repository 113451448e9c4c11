/**
 * Arguments of `npm run seed`, parsed without touching the database so they can be unit-tested.
 */
import { DEFAULT_SEED } from './district/generate-district.js';
import { SCALES, type Scale } from './district/types.js';

export interface SeedArgs { scale: Scale; seed: number; reset: boolean }

export const SEED_USAGE = 'usage: npm run seed -- --scale demo|bench|test [--reset] [--seed N]';

/** Parse CLI arguments; throws an Error whose message is the one line to print. */
export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  let scale: Scale | null = null;
  let seed = DEFAULT_SEED;
  let reset = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value; ${SEED_USAGE}`);
      return v;
    };
    switch (flag) {
      case '--scale': {
        const v = value();
        if (!(SCALES as readonly string[]).includes(v)) throw new Error(`unknown scale "${v}"; ${SEED_USAGE}`);
        scale = v as Scale;
        break;
      }
      case '--seed': {
        const v = value();
        if (!/^\d{1,10}$/.test(v) || Number(v) > 0xffffffff) throw new Error(`--seed must be a whole number from 0 to 4294967295, got "${v}"`);
        seed = Number(v);
        break;
      }
      case '--reset':
        if (inline !== undefined) throw new Error(`--reset takes no value; ${SEED_USAGE}`);
        reset = true;
        break;
      default:
        throw new Error(`unknown argument "${arg}"; ${SEED_USAGE}`);
    }
  }
  if (!scale) throw new Error(`--scale is required; ${SEED_USAGE}`);
  return { scale, seed, reset };
}
