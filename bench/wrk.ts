import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunStats } from './stats.js';

/** wrk (Debian package `wrk`) puts the load in its own process, so the client doesn't share the server's event loop. */
export const hasWrk = () => existsSync('/usr/bin/wrk');

/**
 * Request `paths` round-robin on `base` for `seconds` with `connections` keep-alive connections;
 * throughput and latency percentiles as wrk measured them (it reports microseconds).
 */
export async function wrk(base: string, paths: string[], options: { connections: number; seconds: number }): Promise<RunStats> {
  const dir = mkdtempSync(join(tmpdir(), 'beat-atlas-wrk-'));
  const script = join(dir, 'paths.lua');
  writeFileSync(script, `paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
counter = 0
-- Requests are formatted once, in init: formatting per request in Lua would cost the client more
-- CPU than the server spends on a cached tile, on the same two cores.
init = function(args)
  requests = {}
  for i, path in ipairs(paths) do requests[i] = wrk.format("GET", path, { ["Accept-Encoding"] = "gzip" }) end
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
