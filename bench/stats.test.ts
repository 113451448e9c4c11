import { describe, expect, it } from 'vitest';
import { closedLoop, median, percentile, summarize } from './stats.js';

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
});
