// The status line under the header (loading, errors) and a JSON fetch with a timeout: shared by the
// app shell (main.ts) and the workspace.
import type { FetchLike } from './workspace/api.js';

let statusTimer: number | undefined;
export function showStatus(text: string, kind: 'info' | 'error' = 'info', hideAfterMs = 0): void {
  const el = document.getElementById('status');
  if (!el) return;
  el.textContent = text;
  el.dataset.kind = kind;
  el.hidden = false;
  window.clearTimeout(statusTimer);
  if (hideAfterMs > 0) statusTimer = window.setTimeout(hideStatus, hideAfterMs);
}
export function hideStatus(): void {
  const el = document.getElementById('status');
  if (el) el.hidden = true;
}

export async function fetchJson(url: string, timeoutMs = 10_000, fetchFn: FetchLike = (input, init) => window.fetch(input, init)): Promise<unknown> {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchFn(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    // /api/health answers 503 with a JSON body while degraded: read it anyway.
    return (await response.json()) as unknown;
  } finally {
    window.clearTimeout(timer);
  }
}
