/**
 * `DATABASE_URL=… npm run bench -- registers`: the registers' read and write paths through real HTTP
 * against the API in its own process, 50 concurrent clients, bench-scale data.
 * Targets: reads p95 ≤ 20 ms; items page ≥ 0.85 × the bare SQL; server memory ≤ 300 MB.
 *
 * Requests run as a fresh bench user, a community officer with every beat (bench-session.ts): reads
 * carry its session cookie, the PATCHes the CSRF token too. Records outside a user's beats are
 * invisible, so anything less would measure 404s.
 */
import { buildApp } from '../server/app.js';
import { listRecords, parseListQuery } from '../server/registers/record-list.js';
import { registerById } from '../server/registers/specs/index.js';
import { openBenchDatabase } from './bench-database.js';
import { densestTile } from './dense-area.js';
import { createBenchUser, logInOverHttp, logInWithInject, retireBenchUser, type BenchUser } from './bench-session.js';
import { sampleSql } from './sample.js';
import { startServerProcess } from './server-process.js';
import { closedLoop, fmt, median, pairedRatio, type RunStats } from './stats.js';
import { hasWrk, wrk } from './wrk.js';

const CLIENTS = 50;
const REQUESTS = 3000; // per scenario run from this process
const WRK_SECONDS = 10;
const ITEMS_ROUNDS = 3;

export async function benchRegisters(): Promise<void> {
  const database = await openBenchDatabase();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('the registers bench runs against real PostgreSQL: set DATABASE_URL');
  const cases = registerById('cases')!;
  const pool = database.pool;
  const total = Number((await pool.query('SELECT count(*) AS n FROM cases WHERE deleted_at IS NULL')).rows[0].n);
  console.log(`cases: ${total.toLocaleString('en-US')}`);
  if (total < 1000) throw new Error('too few cases for the bench: seed the bench scale first');

  const caseIds = (await pool.query<{ id: number }>(sampleSql('id', 'cases', 1, 2000, 'deleted_at IS NULL'))).rows.map((r) => r.id);
  const bboxes = await denseBboxes(pool);
  const denseTile = await densestTile(pool, 14);
  const user = await createBenchUser(database.db);
  const allBeats = (await pool.query<{ id: number }>('SELECT id FROM beats ORDER BY id')).rows.map((row) => row.id); // the bench user's
  const historyId = await recordWithVersions(database, user, 50);

  const server = await startServerProcess(url);
  let peak = Number.NaN;
  let itemsRatio = { median: Number.NaN, rounds: [] as number[] };
  const results: [string, RunStats][] = [];
  // The server is a child process: stop it whatever happens, or a failed run leaves it (and this process) waiting.
  try {
    const base = server.url;
    const session = await logInOverHttp(base, user);
    console.log(`logged in as ${user.username} (community officer, all beats)`);
    const readHeaders = { cookie: session.cookie };
    // Memory after each scenario too, so a peak over the target points at the path that made it.
    const report = (name: string, stats: RunStats) => console.log(`  ${name}: ${fmt(stats.perSecond)} req/s, p50 ${fmt(stats.p50Ms, 2)} ms, p95 ${fmt(stats.p95Ms, 2)} ms; server RSS ${fmt(server.rssMb(), 0)} MB (peak ${fmt(server.peakRssMb(), 0)})`);
    const measureOp = async (op: (i: number) => Promise<void>) => {
      await closedLoop(Array.from({ length: 200 }, (_, i) => i), CLIENTS, op); // warm up
      return closedLoop(Array.from({ length: REQUESTS }, (_, i) => i), CLIENTS, op);
    };
    // Reads go through wrk when it is installed: a client in its own process, cheaper per request than
    // fetch in this one, so the figures are the server's and not the load generator's.
    const measureRead = async (paths: string[]) => {
      if (!hasWrk()) return measureOp(async (i) => { await get(`${base}${paths[i % paths.length]}`, readHeaders); });
      await wrk(base, paths, { connections: CLIENTS, seconds: 2, headers: readHeaders }); // warm up
      return wrk(base, paths, { connections: CLIENTS, seconds: WRK_SECONDS, headers: readHeaders });
    };
    const record = (name: string, stats: RunStats) => { results.push([name, stats]); report(name, stats); };
    const run = async (name: string, op: (i: number) => Promise<void>) => record(name, await measureOp(op));
    const read = async (name: string, paths: string[]) => record(name, await measureRead(paths));

    await read('record by id, then its links (each request)', caseIds.flatMap((id) => [`/api/cases/${id}`, `/api/cases/${id}/links`]));
    // The items page and the same list SQL run bare (with the bench user's jurisdiction, as the endpoint
    // runs it), in paired rounds that alternate which goes first: what the scenario before leaves behind
    // (thousands of audit rows to flush, a checkpoint) or any drift must not favour one side. Medians compared.
    const itemsPaths = bboxes.map((bbox) => `/api/cases?limit=100&bbox=${bbox.join(',')}`);
    const itemsSql = async (i: number) => {
      await listRecords(database.db, cases, { ...parseListQuery(cases, { limit: '100', bbox: bboxes[i % bboxes.length]!.join(',') }), scope: allBeats });
    };
    const itemsRuns: { http: RunStats[]; bare: RunStats[] } = { http: [], bare: [] };
    for (let round = 1; round <= ITEMS_ROUNDS; round++) {
      if (round % 2) itemsRuns.http.push(await measureRead(itemsPaths));
      itemsRuns.bare.push(await measureOp(itemsSql));
      if (!(round % 2)) itemsRuns.http.push(await measureRead(itemsPaths));
      console.log(`  items page, round ${round}: HTTP ${fmt(itemsRuns.http.at(-1)!.perSecond)} req/s, bare SQL ${fmt(itemsRuns.bare.at(-1)!.perSecond)} req/s, ratio ${fmt(itemsRuns.http.at(-1)!.perSecond / itemsRuns.bare.at(-1)!.perSecond, 3)}`);
    }
    itemsRatio = pairedRatio(itemsRuns.http, itemsRuns.bare);
    record('items page of 100 in a bbox (HTTP)', medianRun(itemsRuns.http));
    record('items page of 100 in a bbox (bare SQL)', medianRun(itemsRuns.bare));
    await read(`cases tile z14 (densest, ${denseTile.count} cases), cached`, [`/api/tiles/cases/14/${denseTile.x}/${denseTile.y}.mvt`]);
    await read('history of 50 versions', [`/api/cases/${historyId}/history`]);
    const patchIds = caseIds.slice(0, CLIENTS);
    const etags = new Map<number, string>();
    await run('patch with If-Match', async (i) => {
      const id = patchIds[i % CLIENTS]!;
      const etag: string = etags.get(id) ?? (await fetch(`${base}/api/cases/${id}`, { headers: readHeaders }).then(async (r) => { await r.arrayBuffer(); return r.headers.get('etag')!; }));
      const response = await fetch(`${base}/api/cases/${id}`, {
        method: 'PATCH', headers: { ...session.headers, 'content-type': 'application/json', 'if-match': etag },
        body: JSON.stringify({ narrative: `bench edit ${i}`, source: 'correction' }),
      });
      await response.arrayBuffer();
      if (response.status === 200 || response.status === 412) etags.set(id, response.headers.get('etag')!);
      else throw new Error(`PATCH ${id}: ${response.status}`);
    });
    peak = server.peakRssMb();
  } finally {
    await server.stop();
    await retireBenchUser(database.db, user);
  }
  await database.close();

  const http = results.find(([name]) => name.endsWith('(HTTP)'))![1];
  const bare = results.find(([name]) => name.endsWith('(bare SQL)'))![1];
  const reads = results.filter(([name]) => !name.startsWith('patch') && !name.endsWith('(bare SQL)'));
  console.log('\n| scenario | req/s | p50 ms | p95 ms |\n|---|---|---|---|');
  for (const [name, stats] of results) console.log(`| ${name} | ${fmt(stats.perSecond)} | ${fmt(stats.p50Ms, 2)} | ${fmt(stats.p95Ms, 2)} |`);
  console.log(`\nitems page: endpoint / bare SQL = ${fmt(itemsRatio.median, 3)} (median of ${ITEMS_ROUNDS} paired rounds' ratios, ${itemsRatio.rounds.map((r) => fmt(r, 3)).join(' ')}; target ≥ 0.85); ratio of the median runs ${fmt(http.perSecond / bare.perSecond, 3)}`);
  console.log(`server peak memory (VmHWM): ${fmt(peak, 0)} MB (target ≤ 300 MB)`);
  console.log(`reads p95 (target ≤ 20 ms at ${CLIENTS} clients, ${hasWrk() ? 'wrk' : 'fetch'}): ${reads.map(([name, stats]) => `${name.split(' (')[0]} ${fmt(stats.p95Ms, 1)} ms`).join('; ')}`);
}

/** The run with the median throughput. */
function medianRun(runs: RunStats[]): RunStats {
  const m = median(runs.map((run) => run.perSecond));
  return runs.find((run) => run.perSecond === m)!;
}

async function get(url: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status >= 400) throw new Error(`${url}: ${response.status}`);
}

/** Boxes of ~300 m around sampled cases: where officers look. */
async function denseBboxes(pool: import('pg').Pool): Promise<[number, number, number, number][]> {
  const { rows } = await pool.query<{ x: number; y: number }>(sampleSql('ST_X(geom) AS x, ST_Y(geom) AS y', 'cases', 0.1, 200, 'deleted_at IS NULL'));
  return rows.map(({ x, y }) => [x - 0.0015, y - 0.0015, x + 0.0015, y + 0.0015]);
}

/** A case with `versions` versions, made through the API (in-process) so history is real. */
async function recordWithVersions(database: Awaited<ReturnType<typeof openBenchDatabase>>, user: BenchUser, versions: number): Promise<number> {
  const app = await buildApp({ database });
  const session = await logInWithInject(app, user);
  const { rows } = await database.pool.query<{ id: number }>('SELECT id FROM cases WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1');
  const id = rows[0]!.id;
  let record = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: session.cookie } });
  if (record.statusCode !== 200) throw new Error(`GET /api/cases/${id}: HTTP ${record.statusCode}: ${record.body}`);
  for (let i = record.json().version; i < versions; i++) {
    record = await app.inject({ method: 'PATCH', url: `/api/cases/${id}`, headers: { ...session.headers, 'if-match': record.headers.etag as string }, payload: { narrative: `version ${i + 1}` } });
    if (record.statusCode !== 200) throw new Error(`PATCH /api/cases/${id}: HTTP ${record.statusCode}: ${record.body}`);
  }
  await app.close();
  return id;
}
