import { describe, expect, it } from 'vitest';
import { closedLoop, median, pairedRatio, percentile, summarize, type RunStats } from './stats.js';

describe('bench stats', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.95)).toBe(95);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
    expect(median([3, 1, 2])).toBe(2);
  });
  it('summarizes throughput', () => {
    expect(summarize([1, 2, 3, 4], 2)).toMatchObject({ count: 4, perSecond: 2, p50Ms: 2, p95Ms: 4 });
  });
  it('runs every item exactly once across workers', async () => {
    const seen: number[] = [];
    const stats = await closedLoop([1, 2, 3, 4, 5], 3, async (n) => { seen.push(n); });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(stats.count).toBe(5);
  });
  it('compares paired rounds round by round', () => {
    const run = (perSecond: number): RunStats => ({ count: perSecond, seconds: 1, perSecond, p50Ms: 1, p95Ms: 1 });
    // Drift: round 2 is slow for both sides. A ratio of medians (1,800 / 2,400 = 0.75) would set
    // round 3's endpoint against round 1's baseline; each pair alone says 0.9.
    const paired = pairedRatio([run(1800), run(900), run(2160)], [run(2000), run(1000), run(2400)]);
    expect(paired.rounds.map((r) => Number(r.toFixed(2)))).toEqual([0.9, 0.9, 0.9]);
    expect(paired.median).toBeCloseTo(0.9);
    expect(() => pairedRatio([run(1)], [])).toThrow(/one baseline per run/);
  });
});
