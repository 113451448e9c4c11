// The registers' REST API as the workspace uses it. Pure: the fetch function is injected.
import type { Bbox, HistoryEntry, LinkEntry, RecordRef } from './record-view.js';

export type FetchLike = (input: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

export type RecordJson = Record<string, unknown> & { id: number; geometry?: unknown };

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export const VERIFY_METHODS = ['field_visit', 'phone', 'document'] as const;
export type VerifyHow = (typeof VERIFY_METHODS)[number];

function recordUrl(ref: RecordRef): string {
  return `/api/${encodeURIComponent(ref.register)}/${ref.id}`;
}

export function createApi(fetchFn: FetchLike) {
  async function call<T>(url: string, init?: Parameters<FetchLike>[1]): Promise<T> {
    const response = await fetchFn(url, { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) {
      const message = (body as { message?: unknown } | null)?.message;
      throw new ApiError(response.status, typeof message === 'string' ? message : `HTTP ${response.status}`);
    }
    return body as T;
  }
  return {
    record: (ref: RecordRef) => call<RecordJson>(recordUrl(ref)),
    history: (ref: RecordRef) => call<HistoryEntry[]>(`${recordUrl(ref)}/history`),
    links: (ref: RecordRef) => call<LinkEntry[]>(`${recordUrl(ref)}/links`),
    verify: (ref: RecordRef, how: VerifyHow) =>
      call<RecordJson>(`${recordUrl(ref)}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ how }),
      }),
    peopleInBbox: (bbox: Bbox, limit = 50) =>
      call<{ items: RecordJson[]; total: number }>(`/api/people?bbox=${bbox.map((n) => n.toFixed(7)).join(',')}&limit=${limit}`),
  };
}

export type Api = ReturnType<typeof createApi>;
