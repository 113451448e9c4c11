import { ConfigError } from '../config.js';
import { DatabaseStartupError } from '../db/db-errors.js';

/**
 * Run a command-line entry point: known user errors end with one line and exit code 1, never a stack
 * trace; anything else is a bug and shows its stack.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof ConfigError || error instanceof DatabaseStartupError || error instanceof UsageError || error instanceof StartupError) {
      console.error(`error: ${error.message}`);
      if (error instanceof UsageError) process.exitCode = 2;
      return;
    }
    console.error(error);
  }
}

/** Bad command-line arguments; exit code 2. */
export class UsageError extends Error {}

/** A startup problem the user can fix (port in use …); exit code 1, one line. */
export class StartupError extends Error {}
