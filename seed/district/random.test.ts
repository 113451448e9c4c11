import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';

describe('createRng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
    expect(createRng(43).next()).not.toBe(createRng(42).next());
  });

  it('keeps helpers in range', () => {
    const r = createRng(1);
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      const f = r.float(-2, 2);
      expect(f >= -2 && f < 2).toBe(true);
    }
    const picks = new Set(Array.from({ length: 200 }, () => r.pick(['a', 'b', 'c'])));
    expect([...picks].sort()).toEqual(['a', 'b', 'c']);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    const normals = Array.from({ length: 4000 }, () => r.normal(10, 2));
    const mean = normals.reduce((s, v) => s + v, 0) / normals.length;
    expect(Math.abs(mean - 10)).toBeLessThan(0.2);
  });

  it('forks streams that depend on the label and the seed, not on how much was drawn', () => {
    const a = createRng(7);
    const b = createRng(7);
    b.next();
    b.next();
    expect(a.fork('streets').next()).toBe(b.fork('streets').next());
    expect(a.fork('streets').next()).not.toBe(a.fork('buildings').next());
    expect(createRng(8).fork('streets').next()).not.toBe(a.fork('streets').next());
  });
});
