import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunStats } from './stats.js';

/** wrk (Debian package `wrk`) puts the load in its own process, so the client doesn't share the server's event loop. */
export const hasWrk = () => existsSync('/usr/bin/wrk');

/** A Lua string literal: printable ASCII as is, everything else (quotes, backslash, UTF-8 bytes) as a
 * three-digit decimal escape (three digits, so a digit after it is not read as part of it). */
function luaString(value: string): string {
  let out = '"';
  for (const byte of Buffer.from(value, 'utf8')) {
    out += byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}

export interface WrkOptions {
  connections: number;
  seconds: number;
  /**
   * Extra headers sent with every request, e.g. `{ cookie: session.cookie }`: every /api route needs
   * the login's session cookie (see bench-session.ts). Formatted into the requests once, like the paths.
   */
  headers?: Record<string, string>;
}

/**
 * Request `paths` round-robin on `base` for `seconds` with `connections` keep-alive connections;
 * throughput and latency percentiles as wrk measured them (it reports microseconds).
 */
export async function wrk(base: string, paths: string[], options: WrkOptions): Promise<RunStats> {
  const dir = mkdtempSync(join(tmpdir(), 'beat-atlas-wrk-'));
  const script = join(dir, 'paths.lua');
  const headers = { 'Accept-Encoding': 'gzip', ...options.headers };
  const headerTable = `{ ${Object.entries(headers).map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`).join(', ')} }`;
  writeFileSync(script, `paths = {${paths.map(luaString).join(',')}}
headers = ${headerTable}
counter = 0
-- Requests are formatted once, in init: formatting per request in Lua would cost the client more
-- CPU than the server spends on a cached tile, on the same two cores.
init = function(args)
  requests = {}
  for i, path in ipairs(paths) do requests[i] = wrk.format("GET", path, headers) end
end
request = function()
  counter = counter % #requests + 1
  return requests[counter]
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %f %f %f %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`);
  try {
    // Asynchronous: the server under test runs in this process's event loop.
    const { stdout: out } = await promisify(execFile)('wrk', ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '30s', '-s', script, base], { encoding: 'utf8' });
    const match = /RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(out);
    if (!match) throw new Error(`unexpected wrk output:\n${out}`);
    const [, count, seconds, p50, p95, errors] = match.map(Number) as number[];
    if (errors! > 0) throw new Error(`wrk saw ${errors} failed requests:\n${out}`);
    return { count: count!, seconds: seconds!, perSecond: count! / seconds!, p50Ms: p50!, p95Ms: p95! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
