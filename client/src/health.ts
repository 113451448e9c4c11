// Interpreting GET /api/health for the header badge (pure).
import type { MessageKey } from './i18n/messages.js';

export type HealthState = 'ok' | 'degraded' | 'unreachable';

export interface HealthSummary {
  state: HealthState;
  labelKey: MessageKey;
  /** Present when the server answered with a database section. */
  detail: { mode: string; postgis: string | null; schemaVersion: string | null } | null;
}

const LABELS: Readonly<Record<HealthState, MessageKey>> = {
  ok: 'health.ok',
  degraded: 'health.degraded',
  unreachable: 'health.unreachable',
};

/** `body` is the parsed JSON (or null when the request failed or was not JSON). */
export function summariseHealth(body: unknown): HealthSummary {
  if (body === null || typeof body !== 'object') return { state: 'unreachable', labelKey: LABELS.unreachable, detail: null };
  const doc = body as { status?: unknown; db?: unknown };
  const state: HealthState = doc.status === 'ok' ? 'ok' : 'degraded';
  let detail: HealthSummary['detail'] = null;
  if (doc.db && typeof doc.db === 'object') {
    const db = doc.db as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
    detail = { mode: str(db.mode) ?? '?', postgis: str(db.postgis), schemaVersion: str(db.schemaVersion) };
  }
  return { state, labelKey: LABELS[state], detail };
}
