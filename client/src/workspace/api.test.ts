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
