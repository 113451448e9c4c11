import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, logIn, TestClock, type LoggedIn } from '../../tests/helpers/accounts.js';
import { bodyAt, createAt, doorAddress, type Place } from '../../tests/helpers/places.js';
import { useTestApp } from '../../tests/helpers/test-app.js';
import type { Role } from '../auth/account-tables.js';
import { ROLES } from '../auth/account-tables.js';
import { decide, type Action, type Subject } from '../auth/policy.js';
import { LINK_TYPES } from '../links/link-types.js';
import { hasPersonalData } from '../privacy/record-masking.js';
import type { RegisterSpec } from '../registers/register-spec.js';
import { REGISTERS } from '../registers/specs/index.js';
import { TILE_LAYERS } from '../tiles/tile-layers.js';
import { isNowhere, scopeFor, type BeatRef } from './jurisdiction.js';

/**
 * The route × role × jurisdiction matrix. Every route in the OpenAPI document must match a row below
 * (register ids abstracted to `<register>`): a new route without a row fails this file. A row says
 * what the route does (action and target), independently of the route's own access declaration; the
 * expected answer of every cell comes from the pure policy (`decide`), the actual one from HTTP.
 *
 * Outcomes: `401` no session, `403` forbidden, `404` not there (missing, deleted, or outside the
 * caller's jurisdiction: the same answer), `ok` anything else below 500 (2xx where the request is
 * valid; a 400/409 where the request is refused on its merits after access was granted).
 */
type Target =
  | { kind: 'public' } | { kind: 'session' } | { kind: 'base_map' } | { kind: 'accounts' } | { kind: 'audit_log' }
  | { kind: 'registers'; action: Action }
  | { kind: 'collection'; action: Action }
  | { kind: 'new' }
  | { kind: 'record'; action: Action; deletedVisible?: boolean }
  | { kind: 'tile' };

const ROWS: Record<string, Target> = {
  'GET /api/health': { kind: 'public' },
  'POST /api/auth/login': { kind: 'public' },
  'POST /api/auth/logout': { kind: 'public' },
  'GET /api/auth/me': { kind: 'session' },
  'POST /api/auth/totp/enrol': { kind: 'session' },
  'POST /api/auth/totp/confirm': { kind: 'session' },
  'POST /api/admin/users': { kind: 'accounts' },
  'POST /api/admin/users/{id}/unlock': { kind: 'accounts' },
  'POST /api/admin/users/{id}/disable': { kind: 'accounts' },
  'GET /api/admin/handovers': { kind: 'accounts' },
  'POST /api/admin/handovers': { kind: 'accounts' },
  'POST /api/admin/handovers/{id}/complete': { kind: 'accounts' },
  'POST /api/admin/handovers/{id}/cancel': { kind: 'accounts' },
  'GET /api/audit': { kind: 'audit_log' },
  'GET /api/audit/verify': { kind: 'audit_log' },
  'GET /api/search': { kind: 'registers', action: 'read' },
  'POST /api/selection': { kind: 'registers', action: 'export' },
  'GET /api/ogc': { kind: 'base_map' },
  'GET /api/ogc/conformance': { kind: 'base_map' },
  'GET /api/ogc/collections': { kind: 'base_map' },
  'GET /api/ogc/collections/{collectionId}': { kind: 'base_map' },
  'GET /api/tiles/{file}': { kind: 'tile' },
  'GET /api/tiles/{layer}/{z}/{x}/{y}': { kind: 'tile' },
  'GET /api/<register>': { kind: 'collection', action: 'read' },
  'POST /api/<register>': { kind: 'new' },
  'GET /api/<register>/{id}': { kind: 'record', action: 'read' },
  'PATCH /api/<register>/{id}': { kind: 'record', action: 'write' },
  'DELETE /api/<register>/{id}': { kind: 'record', action: 'write' },
  'POST /api/<register>/{id}/verify': { kind: 'record', action: 'write' },
  'GET /api/<register>/{id}/history': { kind: 'record', action: 'read', deletedVisible: true },
  'POST /api/<register>/{id}/reveal': { kind: 'record', action: 'reveal' },
  'GET /api/<register>/{id}/links': { kind: 'record', action: 'read' },
  'POST /api/<register>/{id}/links': { kind: 'record', action: 'write' },
  'DELETE /api/<register>/{id}/links/{linkId}': { kind: 'record', action: 'write' },
  'GET /api/ogc/collections/<register>/items': { kind: 'collection', action: 'read' },
  'GET /api/ogc/collections/<register>/items/{featureId}': { kind: 'record', action: 'read' },
};

type Outcome = 401 | 403 | 404 | 'ok';
type Condition = 'own' | 'other' | 'deleted' | 'missing';
type Caller = Role | 'anonymous';

const MISSING_ID = 2_000_000_000;

let app: FastifyInstance;
// Every role asks for dozens of reveals here; the per-user limit has a test of its own.
useTestApp((built) => { app = built; }, { auth: { revealPerUser: { limit: 10_000, windowMs: 60_000 } } });

let beats: BeatRef[];
let own: Place;
let other: Place;
const sessions = new Map<Caller, { subject: Subject; login: LoggedIn | null; userId: number | null }>();
/** Per register: a live record in the own beat, one in another station's beat, a deleted one in the own beat. */
const records = new Map<string, Record<Exclude<Condition, 'missing'>, { id: number; addressId: number }>>();

/** Created as the district officer (the app's default session), who may write anywhere. */
async function recordAt(spec: RegisterSpec, place: Place): Promise<{ id: number; addressId: number }> {
  return { id: (await createAt(app, spec, place)).id, addressId: place.addressId };
}

async function versionOf(spec: RegisterSpec, id: number): Promise<number> {
  const { rows } = await app.database.pool.query<{ version: number }>(`SELECT version FROM "${spec.table}" WHERE id = $1`, [id]);
  return rows[0]?.version ?? 1;
}

beforeAll(async () => {
  const { rows } = await app.database.pool.query<{ id: number; station_id: number }>('SELECT id, station_id FROM beats ORDER BY id');
  beats = rows.map((row) => ({ id: row.id, stationId: row.station_id }));
  own = await doorAddress(app);
  other = await doorAddress(app, { outsideStation: own.stationId });
  const secondOwnBeat = beats.find((beat) => beat.stationId === own.stationId && beat.id !== own.beatId)?.id;
  const clock = new TestClock(Date.now());
  const profiles: Record<Role, { beatIds?: number[]; handoverBeatIds?: number[]; stationId: number | null }> = {
    community_officer: { beatIds: [own.beatId], stationId: own.stationId },
    // Hands over the own place's beat; owns another beat of the station (if there is one).
    handover_officer: { beatIds: secondOwnBeat ? [secondOwnBeat] : [], handoverBeatIds: [own.beatId], stationId: own.stationId },
    commander: { stationId: own.stationId },
    analyst: { stationId: own.stationId },
    auditor: { stationId: null },
    admin: { stationId: null },
  };
  for (const role of ROLES) {
    const profile = profiles[role];
    const user = await createTestUser(app, role, { ...profile });
    sessions.set(role, {
      subject: { role, stationId: profile.stationId, beatIds: profile.beatIds ?? [], handoverBeatIds: profile.handoverBeatIds ?? [] },
      login: await logIn(app, user, clock), userId: user.id,
    });
  }
  sessions.set('anonymous', { subject: { role: 'auditor', stationId: null, beatIds: [], handoverBeatIds: [] }, login: null, userId: null });
  for (const spec of REGISTERS) {
    const deleted = await recordAt(spec, own);
    const gone = await app.inject({ method: 'DELETE', url: `/api/${spec.id}/${deleted.id}`, headers: { 'if-match': '"1"' }, payload: { reason: 'matrix: deleted record' } });
    if (gone.statusCode !== 204) throw new Error(`deleting ${spec.id}: ${gone.body}`);
    records.set(spec.id, { own: await recordAt(spec, own), other: await recordAt(spec, other), deleted });
  }
}, 300_000);

/** The route's row: its path with a register id replaced by `<register>`. */
function rowOf(method: string, path: string): { target: Target; spec: RegisterSpec | null } | null {
  const direct = ROWS[`${method} ${path}`];
  if (direct) return { target: direct, spec: null };
  for (const spec of REGISTERS) {
    const generic = path.replace(new RegExp(`^/api/(ogc/collections/)?${spec.id}(?=/|$)`), (_m, ogc: string | undefined) => `/api/${ogc ?? ''}<register>`);
    if (generic !== path && ROWS[`${method} ${generic}`]) return { target: ROWS[`${method} ${generic}`]!, spec };
  }
  return null;
}

function openApiRoutes(): { method: string; path: string }[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m)).map((m) => ({ method: m.toUpperCase(), path })));
}

/** What the policy says one cell must answer. */
function expected(caller: Caller, target: Target, spec: RegisterSpec | null, condition: Condition, layerRegister?: string): Outcome {
  if (target.kind === 'public') return 'ok';
  if (caller === 'anonymous') return 401;
  const subject = sessions.get(caller)!.subject;
  const nowhere = (action: Action, register: string) => isNowhere(scopeFor(subject, action, register, beats));
  switch (target.kind) {
    case 'session': case 'base_map': return 'ok';
    case 'accounts': return decide(subject, 'admin', { kind: 'accounts' }).allow ? 'ok' : 403;
    case 'audit_log': return decide(subject, 'audit', { kind: 'audit_log' }).allow ? 'ok' : 403;
    case 'registers': return REGISTERS.every((r) => nowhere(target.action, r.id)) ? 403 : 'ok';
    case 'tile': return layerRegister && nowhere('read', layerRegister) ? 403 : 'ok';
    case 'collection': return nowhere(target.action, spec!.id) ? 403 : 'ok';
    case 'new': {
      if (nowhere('write', spec!.id)) return 403;
      const place = condition === 'own' ? own : other;
      return decide(subject, 'write', { kind: 'record', register: spec!.id, beatId: place.beatId, stationId: place.stationId }).allow ? 'ok' : 403;
    }
    case 'record': {
      if (nowhere(target.action, spec!.id)) return 403;
      if (condition === 'missing' || (condition === 'deleted' && !target.deletedVisible)) return 404;
      const place = condition === 'other' ? other : own;
      const resource = { kind: 'record' as const, register: spec!.id, beatId: place.beatId, stationId: place.stationId };
      if (!decide(subject, 'read', resource).allow) return 404;
      return decide(subject, target.action, resource).allow ? 'ok' : 403;
    }
  }
}

function outcomeOf(response: LightMyRequestResponse, target: Target): Outcome {
  if (response.statusCode >= 500) throw new Error(`${response.statusCode}: ${response.body}`);
  if (target.kind === 'public') return 'ok'; // e.g. a refused login is the login route's own answer
  if (response.statusCode === 401 || response.statusCode === 403) return response.statusCode;
  // A 404 is "not there" only when it says the record (or feature) is not there; "no link 7 on …"
  // is the answer of an allowed request about a link that does not exist.
  if (response.statusCode === 404 && /^no (\S+ record with id|feature)/.test(response.json().message)) return 404;
  if (response.statusCode >= 500) throw new Error(`${response.statusCode}: ${response.body}`);
  return 'ok';
}

/** The request of one cell: a valid one where the route can take one, so that allowed cells answer 2xx. */
async function requestFor(method: string, path: string, target: Target, spec: RegisterSpec | null, condition: Condition, role: Caller) {
  const ids = spec ? records.get(spec.id)! : null;
  let id = condition === 'missing' ? MISSING_ID : ids ? ids[condition as Exclude<Condition, 'missing'>].id : MISSING_ID;
  let payload: Record<string, unknown> | undefined;
  const headers: Record<string, string> = {};
  const willSucceed = spec && target.kind === 'record' && condition !== 'missing' && expected(role, target, spec, condition) === 'ok';
  if (method === 'DELETE' && path.endsWith('{id}')) {
    // Deleting for real where allowed: on a record of its own, so the shared ones stay.
    if (willSucceed) id = (await recordAt(spec!, condition === 'other' ? other : own)).id;
    payload = { reason: 'matrix' };
  }
  if ((method === 'PATCH' || method === 'DELETE') && path.endsWith('{id}') && spec) headers['if-match'] = `"${await versionOf(spec, id)}"`;
  if (method === 'PATCH') payload = { reason: 'matrix' };
  if (path.endsWith('/verify')) payload = { how: 'field_visit' };
  if (path.endsWith('/reveal')) payload = { purpose: 'route matrix', reason: 'access test' };
  if (path.endsWith('/links') && method === 'POST') {
    const type = LINK_TYPES.find((t) => t.from === spec!.id) ?? LINK_TYPES[0]!;
    payload = { type: type.id, to_register: type.to, to_id: records.get(type.to)!.own.id, ...(type.roles ? { role: type.roles[0] } : {}) };
  }
  if (path.endsWith('{linkId}')) payload = { reason: 'matrix' };
  if (target.kind === 'new') payload = await bodyAt(app, spec!, condition === 'own' ? own : other);
  let featureId = id;
  if (spec?.id === 'people' && path.includes('/items/')) featureId = condition === 'missing' ? MISSING_ID : ids![condition as 'own'].addressId;
  const url = path
    .replace('{id}', String(path.startsWith('/api/admin/users') ? sessions.get('auditor')!.userId : id))
    .replace('{featureId}', String(featureId)).replace('{linkId}', String(MISSING_ID))
    .replace('{collectionId}', 'hydrants');
  const query = path === '/api/search' ? '?q=%E6%B5%8B' : path === '/api/audit' ? '?limit=1' : '';
  if (path === '/api/selection') {
    const [x, y] = own.point;
    payload = { geometry: { type: 'Polygon', coordinates: [[[x - 0.001, y - 0.001], [x + 0.001, y - 0.001], [x + 0.001, y + 0.001], [x - 0.001, y + 0.001], [x - 0.001, y - 0.001]]] }, limit: 5 };
  }
  if (path === '/api/admin/users') payload = { username: 'x' }; // refused on its merits (400) where allowed
  // Handovers: a recipient that does not exist (400) and a handover that does not (404), so nothing is handed over.
  if (path === '/api/admin/handovers' && method === 'POST') payload = { toUserId: MISSING_ID, beatIds: [own.beatId], reason: 'matrix' };
  if (path.startsWith('/api/admin/handovers/')) payload = { reason: 'matrix' };
  if (path === '/api/auth/login') payload = { username: 'nobody', password: 'wrong password' };
  if (path === '/api/auth/totp/confirm') payload = { code: '000000' };
  return { method, url: url + query, payload, headers };
}

/** Routes that end sessions run last: disabling (another user: the auditor) and then logging out. */
const LAST = ['POST /api/admin/users/{id}/disable', 'POST /api/auth/logout'];
const rank = (method: string, path: string) => LAST.indexOf(`${method} ${path}`) + 1;

describe('route × role matrix', () => {
  it('has a row for every route in the OpenAPI document', () => {
    const missing = openApiRoutes().filter(({ method, path }) => !rowOf(method, path)).map(({ method, path }) => `${method} ${path}`);
    expect(missing, 'routes without matrix rows: add them to ROWS with the action and target they have').toEqual([]);
  });

  it('answers every cell as the policy says', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    const routes = openApiRoutes().sort((a, b) => rank(a.method, a.path) - rank(b.method, b.path));
    for (const { method, path } of routes) {
      const row = rowOf(method, path);
      if (!row) continue;
      const { target, spec } = row;
      if (path.endsWith('/reveal') && spec && !hasPersonalData(spec)) continue;
      // A people feature is an address with its residents: "deleted" has no meaning there.
      const peopleFeature = spec?.id === 'people' && path.includes('/items/');
      const conditions: Condition[] = target.kind === 'record' ? (peopleFeature ? ['own', 'other', 'missing'] : ['own', 'other', 'deleted', 'missing'])
        : target.kind === 'new' ? ['own', 'other'] : ['own'];
      const layers = target.kind === 'tile' ? TILE_LAYERS : [null];
      for (const caller of [...ROLES, 'anonymous'] as Caller[]) {
        for (const condition of conditions) {
          for (const layer of layers) {
            const request = await requestFor(method, path, target, spec, condition, caller);
            if (layer) request.url = path === '/api/tiles/{file}' ? `/api/tiles/${layer.id}.json` : `/api/tiles/${layer.id}/16/54870/27190.mvt`;
            const login = sessions.get(caller)!.login;
            const headers = { ...request.headers, cookie: login?.cookie ?? '', ...(login && method !== 'GET' ? { 'x-csrf-token': login.csrf } : {}) };
            const response = await app.inject({ method: request.method as 'GET', url: request.url, payload: request.payload, headers });
            const want = expected(caller, target, spec, condition, layer ? layer.register : undefined);
            const got = outcomeOf(response, target);
            cells++;
            if (got !== want) mismatches.push(`${caller} ${condition} ${method} ${request.url}: want ${want}, got ${response.statusCode} ${response.body.slice(0, 160)}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBeGreaterThan(2000);
  }, 600_000);
});

