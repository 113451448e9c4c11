// Asking to see a record's unmasked personal fields: the purpose and reason the server requires
// (`POST /api/<register>/{id}/reveal`, audited), checked here first so the officer sees the rule on
// the field instead of a round trip; and where the server's answer belongs. Pure.
import type { MessageKey } from '../i18n/index.js';

/** The server's limits (characters, after trimming). */
export const PURPOSE_LENGTH = { min: 2, max: 200 } as const;
export const REASON_LENGTH = { min: 2, max: 500 } as const;

export type RevealField = 'purpose' | 'reason';

export interface RevealInput {
  purpose: string;
  reason: string;
}

const length = (text: string) => [...text].length;

/** The trimmed input, or the message for each field that breaks the rule. */
export function checkRevealInput(raw: RevealInput): { ok: true; value: RevealInput } | { ok: false; errors: Partial<Record<RevealField, MessageKey>> } {
  const value = { purpose: raw.purpose.trim(), reason: raw.reason.trim() };
  const errors: Partial<Record<RevealField, MessageKey>> = {};
  if (length(value.purpose) < PURPOSE_LENGTH.min || length(value.purpose) > PURPOSE_LENGTH.max) errors.purpose = 'reveal.purposeRule';
  if (length(value.reason) < REASON_LENGTH.min || length(value.reason) > REASON_LENGTH.max) errors.reason = 'reveal.reasonRule';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/**
 * Where a failed reveal is shown: a 400 naming `purpose`/`reason` (or `body.purpose`) on that field;
 * a refusal or a rate limit as a message of ours; anything else as the server's message.
 */
export function revealError(error: { status: number; field: string | null; message: string }):
  { field: RevealField | null; key: MessageKey | null; text: string } {
  const name = (error.field ?? '').replace(/^body\./, '').split('.')[0];
  const field: RevealField | null = name === 'purpose' || name === 'reason' ? name : null;
  if (error.status === 403) return { field: null, key: 'reveal.forbidden', text: error.message };
  if (error.status === 429) return { field: null, key: 'reveal.rateLimited', text: error.message };
  const prefix = error.field ? `${error.field}: ` : '';
  const text = prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { field, key: null, text };
}
