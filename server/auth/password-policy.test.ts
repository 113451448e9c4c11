import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('refuses passwords shorter than 8 characters, counting characters not bytes', () => {
    expect(passwordProblem('Xk7#pq2', 'li.wei')).toBe('must be at least 8 characters');
    expect(passwordProblem('警务区巡逻很辛苦', 'li.wei')).toBeNull(); // 8 characters, 24 bytes
  });

  it('refuses common passwords whatever their case', () => {
    expect(passwordProblem('password', 'li.wei')).toBe('is one of the most common passwords; choose another');
    expect(passwordProblem('QWERTYUIOP', 'li.wei')).toBe('is one of the most common passwords; choose another');
    expect(passwordProblem('woaini1314', 'li.wei')).toBe('is one of the most common passwords; choose another');
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('my-li.wei-pass', 'li.wei')).toBe('must not contain the username');
  });

  it('accepts a long uncommon password', () => {
    expect(passwordProblem('river lantern 7 crane', 'li.wei')).toBeNull();
    expect(passwordProblem('x'.repeat(1025), 'li.wei')).toBe('must be at most 1024 characters');
  });
});
