import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApi, type FetchLike } from './api.js';

function fakeFetch(status: number, body: unknown) {
  return vi.fn<FetchLike>(async () => ({ ok: status < 400, status, json: async () => body }));
}

describe('workspace api', () => {
  it('reads a record, its history and links from the register routes', async () => {
    const fetch = fakeFetch(200, { id: 3 });
    const api = createApi(fetch);
    await api.record({ register: 'hydrants', id: 3 });
    await api.history({ register: 'fire-hazards', id: 4 });
    await api.links({ register: 'cases', id: 5 });
    expect(fetch.mock.calls.map((c) => c[0])).toEqual(['/api/hydrants/3', '/api/fire-hazards/4/history', '/api/cases/5/links']);
  });

  it('verifies with a JSON body', async () => {
    const fetch = fakeFetch(200, { id: 3, verified_how: 'field_visit' });
    const record = await createApi(fetch).verify({ register: 'hydrants', id: 3 }, 'field_visit');
    expect(record.verified_how).toBe('field_visit');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/hydrants/3/verify');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init!.body!)).toEqual({ how: 'field_visit' });
    expect(init?.headers?.['content-type']).toBe('application/json');
  });

  it('lists people in a bounding box', async () => {
    const fetch = fakeFetch(200, { items: [], total: 0 });
    await createApi(fetch).peopleInBbox([121.5, 29.8, 121.6, 29.9]);
    expect(fetch.mock.calls[0]![0]).toBe('/api/people?bbox=121.5000000,29.8000000,121.6000000,29.9000000&limit=50');
  });

  it('throws ApiError with the server message', async () => {
    const api = createApi(fakeFetch(404, { message: 'no hydrants record with id 9' }));
    await expect(api.record({ register: 'hydrants', id: 9 })).rejects.toMatchObject({ status: 404, message: 'no hydrants record with id 9' });
    await expect(createApi(fakeFetch(500, null)).record({ register: 'hydrants', id: 9 })).rejects.toBeInstanceOf(ApiError);
  });
});

describe('workspace api: search, selection, edits', () => {
  const withEtag = (status: number, body: unknown, etag: string | null) =>
    vi.fn<FetchLike>(async () => ({ ok: status < 400, status, json: async () => body, headers: { get: (n: string) => (n === 'etag' ? etag : null) } }));

  it('searches with the query encoded and the per-register limit', async () => {
    const fetch = fakeFetch(200, { q: '王 1', groups: [] });
    const controller = new AbortController();
    await createApi(fetch).search('王 1&x', controller.signal);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/search?q=%E7%8E%8B%201%26x&limit=5');
    expect(init?.signal).toBe(controller.signal);
  });

  it('posts a polygon for a selection, with registers only when given', async () => {
    const fetch = fakeFetch(200, { limit: 500, registers: [] });
    const geometry = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    await createApi(fetch).selection(geometry);
    await createApi(fetch).selection(geometry, 10, ['cases']);
    expect(fetch.mock.calls[0]![0]).toBe('/api/selection');
    expect(fetch.mock.calls[0]![1]?.method).toBe('POST');
    expect(JSON.parse(fetch.mock.calls[0]![1]!.body!)).toEqual({ geometry, limit: 500 });
    expect(JSON.parse(fetch.mock.calls[1]![1]!.body!)).toEqual({ geometry, limit: 10, registers: ['cases'] });
  });

  it('reads a record with its ETag, falling back to the version', async () => {
    expect(await createApi(withEtag(200, { id: 3, version: 4 }, '"4"')).recordForEdit({ register: 'hydrants', id: 3 }))
      .toEqual({ record: { id: 3, version: 4 }, etag: '"4"' });
    expect((await createApi(fakeFetch(200, { id: 3, version: 7 })).recordForEdit({ register: 'hydrants', id: 3 })).etag).toBe('"7"');
  });

  it('patches with If-Match and the changed fields only', async () => {
    const fetch = withEtag(200, { id: 3, version: 5, status: 'faulty' }, '"5"');
    const result = await createApi(fetch).patch({ register: 'hydrants', id: 3 }, '"4"', { status: 'faulty' });
    expect(result.etag).toBe('"5"');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/hydrants/3');
    expect(init?.method).toBe('PATCH');
    expect(init?.headers?.['if-match']).toBe('"4"');
    expect(JSON.parse(init!.body!)).toEqual({ status: 'faulty' });
  });

  it('carries the field of a 400 and the current ETag of a 412', async () => {
    const bad = createApi(withEtag(400, { error: 'bad_request', message: 'phone: must be a mobile number', field: 'phone' }, null));
    await expect(bad.patch({ register: 'hydrants', id: 3 }, '"1"', { phone: 'x' })).rejects.toMatchObject({ status: 400, field: 'phone' });
    const stale = createApi(withEtag(412, { error: 'precondition_failed', message: 'the record has changed' }, '"9"'));
    await expect(stale.patch({ register: 'hydrants', id: 3 }, '"1"', { code: 'x' })).rejects.toMatchObject({ status: 412, etag: '"9"', field: null });
  });
});

describe('workspace api: reveal and error codes', () => {
  it('posts purpose and reason to the record reveal route', async () => {
    const fetch = vi.fn<FetchLike>(async () => ({ ok: true, status: 200, json: async () => ({ register: 'people', id: 3, fields: { id_number: '33020319900101123X' } }) }));
    const answer = await createApi(fetch).reveal({ register: 'people', id: 3 }, '走访', '核对信息');
    expect(answer.fields.id_number).toBe('33020319900101123X');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/people/3/reveal');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init!.body!)).toEqual({ purpose: '走访', reason: '核对信息' });
  });

  it('carries the server error code', async () => {
    const api = createApi(fakeFetch(403, { error: 'forbidden', message: 'not yours' }));
    await expect(api.reveal({ register: 'people', id: 3 }, 'ab', 'cd')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});
