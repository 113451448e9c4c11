// The registers' REST API as the workspace uses it. Pure: the fetch function is injected.
import type { Bbox, HistoryEntry, LinkEntry, RecordRef } from './record-view.js';

export type FetchLike = (input: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  /** Response headers (the ETag of a record); optional so that minimal fakes stay minimal. */
  headers?: { get(name: string): string | null };
}>;

export type RecordJson = Record<string, unknown> & { id: number; geometry?: unknown };

export class ApiError extends Error {
  /**
   * @param field the request field the server named (`phone`, `body.phone`, `geometry`), if any
   * @param etag the record's current ETag, which a 412 carries
   * @param code the server's error code (`invalid_credentials`, `forbidden`, `rate_limited`, …)
   */
  constructor(readonly status: number, message: string, readonly field: string | null = null, readonly etag: string | null = null,
    readonly code: string | null = null) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A record with the ETag its GET answered (falls back to its version, which the ETag is made of). */
export interface VersionedRecord {
  record: RecordJson;
  etag: string;
}

/** `GET /api/search` (server/search/search.routes.ts). */
export interface SearchHit { id: number; label: string; detail: string | null; lng: number | null; lat: number | null }
export interface SearchGroup { register: string; title: { zh: string; en: string }; hits: SearchHit[] }
export interface SearchResponse { q: string; groups: SearchGroup[] }

/** `POST /api/selection` (server/selection/selection-schemas.ts), as plain types for the client. */
export interface SelectedRecord { id: number; label: string | null; fields: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }
export interface SelectedRegister { register: string; title: { zh: string; en: string }; label: string; total: number; items: SelectedRecord[] }
export interface SelectionResponse { limit: number; registers: SelectedRegister[] }
export interface PolygonGeometry { type: 'Polygon'; coordinates: number[][][] }

/** `POST /api/<register>/{id}/reveal`: the unmasked personal fields of one record (audited with the purpose). */
export interface RevealResponse { register: string; id: number; fields: Record<string, unknown> }

export const VERIFY_METHODS = ['field_visit', 'phone', 'document'] as const;
export type VerifyHow = (typeof VERIFY_METHODS)[number];

function recordUrl(ref: RecordRef): string {
  return `/api/${encodeURIComponent(ref.register)}/${ref.id}`;
}

const JSON_BODY = { 'content-type': 'application/json' };

export function createApi(fetchFn: FetchLike) {
  async function send<T>(url: string, init?: Parameters<FetchLike>[1]): Promise<{ body: T; etag: string | null }> {
    const response = await fetchFn(url, { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    const etag = response.headers?.get('etag') ?? null;
    if (!response.ok) {
      const { message, field, error } = (body ?? {}) as { message?: unknown; field?: unknown; error?: unknown };
      throw new ApiError(response.status, typeof message === 'string' ? message : `HTTP ${response.status}`,
        typeof field === 'string' ? field : null, etag, typeof error === 'string' ? error : null);
    }
    return { body: body as T, etag };
  }
  const call = async <T>(url: string, init?: Parameters<FetchLike>[1]): Promise<T> => (await send<T>(url, init)).body;
  const versioned = ({ body, etag }: { body: RecordJson; etag: string | null }): VersionedRecord =>
    ({ record: body, etag: etag ?? `"${String(body.version)}"` });

  return {
    record: (ref: RecordRef) => call<RecordJson>(recordUrl(ref)),
    /** The record with its ETag, for an edit. */
    recordForEdit: async (ref: RecordRef) => versioned(await send<RecordJson>(recordUrl(ref))),
    /** `PATCH` with `If-Match`: 412 (ApiError, status 412) when someone changed it since `etag`. */
    patch: async (ref: RecordRef, etag: string, changes: Record<string, unknown>) =>
      versioned(await send<RecordJson>(recordUrl(ref), {
        method: 'PATCH', headers: { ...JSON_BODY, 'if-match': etag }, body: JSON.stringify(changes),
      })),
    search: (q: string, signal?: AbortSignal, limit = 5) =>
      call<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}`, signal ? { signal } : undefined),
    selection: (geometry: PolygonGeometry, limit = 500, registers?: readonly string[]) =>
      call<SelectionResponse>('/api/selection', {
        method: 'POST', headers: JSON_BODY, body: JSON.stringify(registers ? { geometry, limit, registers } : { geometry, limit }),
      }),
    history: (ref: RecordRef) => call<HistoryEntry[]>(`${recordUrl(ref)}/history`),
    links: (ref: RecordRef) => call<LinkEntry[]>(`${recordUrl(ref)}/links`),
    verify: (ref: RecordRef, how: VerifyHow) =>
      call<RecordJson>(`${recordUrl(ref)}/verify`, {
        method: 'POST',
        headers: JSON_BODY,
        body: JSON.stringify({ how }),
      }),
    /** Unmasked fields; the answer is kept in memory only (never in the URL or storage). */
    reveal: (ref: RecordRef, purpose: string, reason: string) =>
      call<RevealResponse>(`${recordUrl(ref)}/reveal`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ purpose, reason }) }),
    peopleInBbox: (bbox: Bbox, limit = 50) =>
      call<{ items: RecordJson[]; total: number }>(`/api/people?bbox=${bbox.map((n) => n.toFixed(7)).join(',')}&limit=${limit}`),
  };
}

export type Api = ReturnType<typeof createApi>;
