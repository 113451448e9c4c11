import { describe, expect, it } from 'vitest';
import { AUDITED_READS } from './request-audit.js';

describe('audited reads', () => {
  it('are the registers about persons and what happened to them, as their specs declare', () => {
    expect([...AUDITED_READS].sort()).toEqual(['cases', 'people']);
  });
});
