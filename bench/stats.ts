/** Latency summary of one run: throughput and percentiles, in the units named. */
export interface RunStats { count: number; seconds: number; perSecond: number; p50Ms: number; p95Ms: number }

export function summarize(latenciesMs: number[], seconds: number): RunStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { count: sorted.length, seconds, perSecond: sorted.length / seconds, p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95) };
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

/**
 * Paired rounds (a path and its baseline run back to back, order alternating): the ratio of each pair,
 * and their median. The machine's speed drifts by tens of percent within minutes (a VM), and a pair
 * shares its moment while a ratio of two medians can set a fast round's baseline against a slow
 * round's path; the per-round ratios are printed too, so their spread is seen.
 */
export function pairedRatio(runs: RunStats[], baselines: RunStats[]): { median: number; rounds: number[] } {
  if (runs.length !== baselines.length || runs.length === 0) throw new Error('paired ratio: one baseline per run, at least one pair');
  const rounds = runs.map((run, i) => run.perSecond / baselines[i]!.perSecond);
  return { median: median(rounds), rounds };
}

/** Run `task` over `items` with `concurrency` workers; latency of each call in milliseconds. */
export async function closedLoop<T>(items: T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<RunStats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const t0 = performance.now();
      await task(item);
      latencies.push(performance.now() - t0);
    }
  }));
  return summarize(latencies, (performance.now() - started) / 1000);
}

export const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
