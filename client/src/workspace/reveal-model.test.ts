import { describe, expect, it } from 'vitest';
import { checkRevealInput, revealError } from './reveal-model.js';

describe('reveal input', () => {
  it('trims and accepts purpose 2–200 and reason 2–500 characters', () => {
    expect(checkRevealInput({ purpose: ' 走访核实 ', reason: '  核对户籍信息 ' })).toEqual({ ok: true, value: { purpose: '走访核实', reason: '核对户籍信息' } });
    expect(checkRevealInput({ purpose: '查'.repeat(200), reason: '因'.repeat(500) }).ok).toBe(true);
  });

  it('names each field that breaks the rule', () => {
    expect(checkRevealInput({ purpose: ' x ', reason: '' })).toEqual({ ok: false, errors: { purpose: 'reveal.purposeRule', reason: 'reveal.reasonRule' } });
    expect(checkRevealInput({ purpose: '查'.repeat(201), reason: 'ok' })).toEqual({ ok: false, errors: { purpose: 'reveal.purposeRule' } });
  });

  it('places the server answer: field errors on the field, refusals and limits as our messages', () => {
    expect(revealError({ status: 400, field: 'body.reason', message: 'body.reason: too short' })).toEqual({ field: 'reason', key: null, text: 'too short' });
    expect(revealError({ status: 403, field: null, message: 'forbidden' })).toMatchObject({ field: null, key: 'reveal.forbidden' });
    expect(revealError({ status: 429, field: null, message: 'slow down' })).toMatchObject({ field: null, key: 'reveal.rateLimited' });
    expect(revealError({ status: 500, field: null, message: 'HTTP 500' })).toEqual({ field: null, key: null, text: 'HTTP 500' });
  });
});
