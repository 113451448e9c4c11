import { describe, expect, it, vi } from 'vitest';
import { ApiError, type FetchLike } from '../workspace/api.js';
import { createAuthApi, isUnsafeMethod, readAccess, readSessionInfo, withSession } from './session.js';

const INFO = {
  user: { id: 7, username: 'demo.officer', displayName: '王警官', role: 'community_officer', stationId: 1, beatIds: [1, 2], handoverBeatIds: [],
    totpEnabled: false, totpRequired: false },
  session: { stage: 'full', expiresAt: '2026-07-01T20:00:00.000Z', idleExpiresAt: '2026-07-01T08:30:00.000Z' },
  csrfToken: 'csrf-1',
  access: { read: ['people', 'cases'], write: ['people'], reveal: ['people'], export: ['people'], baseMap: true, audit: false, admin: false },
};

const reply = (status: number, body: unknown) => vi.fn<FetchLike>(async () => ({ ok: status < 400, status, json: async () => body }));

describe('session info', () => {
  it('reads the server SessionInfo', () => {
    const info = readSessionInfo(INFO)!;
    expect(info.user).toMatchObject({ username: 'demo.officer', displayName: '王警官', role: 'community_officer', beatIds: [1, 2] });
    expect(info.stage).toBe('full');
    expect(info.csrfToken).toBe('csrf-1');
    expect(info.access.read).toEqual(['people', 'cases']);
  });

  it('refuses what is not a session, and reads missing access as nothing allowed', () => {
    expect(readSessionInfo(null)).toBeNull();
    expect(readSessionInfo({ ...INFO, csrfToken: 3 })).toBeNull();
    expect(readSessionInfo({ ...INFO, user: { ...INFO.user, role: 'root' } })).toBeNull();
    expect(readSessionInfo({ ...INFO, session: { ...INFO.session, stage: 'half' } })).toBeNull();
    expect(readAccess(undefined)).toEqual({ read: [], write: [], reveal: [], export: [], baseMap: true, audit: false, admin: false });
    expect(readAccess({ read: ['cases', 4], baseMap: false }).read).toEqual(['cases']);
    expect(readAccess({ baseMap: false }).baseMap).toBe(false);
  });
});

describe('withSession', () => {
  it('adds the CSRF token to unsafe methods only', async () => {
    const fetch = reply(200, {});
    const wrapped = withSession(fetch, { csrfToken: () => 'tok', onUnauthenticated: vi.fn() });
    await wrapped('/api/hydrants/1', { method: 'PATCH', headers: { 'if-match': '"1"' } });
    await wrapped('/api/selection', { method: 'post' });
    await wrapped('/api/hydrants/1');
    expect(fetch.mock.calls[0]![1]?.headers).toEqual({ 'if-match': '"1"', 'x-csrf-token': 'tok' });
    expect(fetch.mock.calls[1]![1]?.headers).toEqual({ 'x-csrf-token': 'tok' });
    expect(fetch.mock.calls[2]![1]).toBeUndefined();
    expect(['GET', 'HEAD', undefined].map(isUnsafeMethod)).toEqual([false, false, false]);
    expect(['POST', 'put', 'PATCH', 'DELETE'].map(isUnsafeMethod)).toEqual([true, true, true, true]);
  });

  it('reports a 401 and still hands the response back', async () => {
    const onUnauthenticated = vi.fn();
    const response = await withSession(reply(401, { error: 'unauthenticated' }), { csrfToken: () => null, onUnauthenticated })('/api/people');
    expect(response.status).toBe(401);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    await withSession(reply(403, {}), { csrfToken: () => null, onUnauthenticated })('/api/people');
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });
});

describe('auth api', () => {
  it('me: the session, or null on 401', async () => {
    expect((await createAuthApi(reply(200, INFO)).me())?.user.id).toBe(7);
    expect(await createAuthApi(reply(401, { error: 'unauthenticated' })).me()).toBeNull();
    await expect(createAuthApi(reply(500, { message: 'boom' })).me()).rejects.toMatchObject({ status: 500 });
  });

  it('logs in with the code only when given, and carries the error code and field', async () => {
    const fetch = reply(200, INFO);
    await createAuthApi(fetch).login('a', 'b');
    await createAuthApi(fetch).login('a', 'b', '123456');
    expect(JSON.parse(fetch.mock.calls[0]![1]!.body!)).toEqual({ username: 'a', password: 'b' });
    expect(JSON.parse(fetch.mock.calls[1]![1]!.body!)).toEqual({ username: 'a', password: 'b', totp: '123456' });
    const failing = createAuthApi(reply(401, { error: 'totp_required', message: 'totp: enter the code', field: 'totp' }));
    const error = await failing.login('a', 'b').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'totp_required', field: 'totp' });
  });

  it('sends the CSRF token on logout, enrolment and confirmation; no JSON content type without a body', async () => {
    const fetch = reply(200, { secret: 'ABC', otpauthUri: 'otpauth://totp/x' });
    const auth = createAuthApi(fetch, () => 'tok');
    await auth.logout();
    expect(await auth.enrolTotp()).toEqual({ secret: 'ABC', otpauthUri: 'otpauth://totp/x' });
    expect(fetch.mock.calls[0]![1]?.headers).toEqual({ accept: 'application/json', 'x-csrf-token': 'tok' });
    expect(fetch.mock.calls[1]![0]).toBe('/api/auth/totp/enrol');
    const confirm = reply(200, INFO);
    await createAuthApi(confirm, () => 'tok').confirmTotp('123456');
    expect(confirm.mock.calls[0]![1]?.headers?.['x-csrf-token']).toBe('tok');
    expect(confirm.mock.calls[0]![1]?.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(confirm.mock.calls[0]![1]!.body!)).toEqual({ code: '123456' });
  });
});
