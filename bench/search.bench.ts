/**
 * `DATABASE_URL=… npm run bench -- search`: the search box through real HTTP (server in its own
 * process) at bench scale, with queries officers type: names and name fragments, ID numbers and
 * their prefixes, phones, case numbers, addresses, premises names, call signs.
 * Target: p95 ≤ 50 ms.
 *
 * Every request carries the session cookie of a fresh bench user who has every beat (bench-session.ts);
 * the server (serve.ts) lifts the per-user search limit, which one user at machine speed would hit.
 */
import { openBenchDatabase } from './bench-database.js';
import { benchSession, retireBenchUser } from './bench-session.js';
import { sampleSql } from './sample.js';
import { startServerProcess } from './server-process.js';
import { closedLoop, fmt, type RunStats } from './stats.js';
import { hasWrk, wrk } from './wrk.js';

const CLIENTS = 10;
const REQUESTS = 2000; // with fetch
const WRK_SECONDS = 10;

export async function benchSearch(): Promise<void> {
  const database = await openBenchDatabase();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('the search bench runs against real PostgreSQL: set DATABASE_URL');
  const sample = async (text: string) => (await database.pool.query<{ q: string }>(text)).rows.map((row) => row.q).filter(Boolean);
  const queries = [
    ...await sample(sampleSql('name AS q', 'people', 0.05, 100)),
    ...await sample(sampleSql('substr(name, 2) AS q', 'people', 0.02, 50)),
    ...await sample(sampleSql('id_number AS q', 'people', 0.05, 50, 'id_number IS NOT NULL')),
    ...await sample(sampleSql('phone AS q', 'people', 0.05, 50, 'phone IS NOT NULL')),
    ...await sample(sampleSql('case_no AS q', 'cases', 0.05, 50)),
    // Identifiers half typed: the box searches as the officer types.
    ...await sample(sampleSql('left(id_number, 4 + (id % 12)::integer) AS q', 'people', 0.05, 50, 'id_number IS NOT NULL')),
    ...await sample(sampleSql('left(case_no, 3 + (id % 14)::integer) AS q', 'cases', 0.05, 50)),
    ...await sample(sampleSql("road || door_number || '号' AS q", 'standard_addresses', 20, 50, "level = 'door'")),
    ...await sample(sampleSql('name AS q', 'premises', 0.5, 50)),
    ...await sample('SELECT call_sign AS q FROM patrol_units LIMIT 50'),
  ];
  console.log(`search: ${queries.length} distinct queries, ${CLIENTS} concurrent clients, ${hasWrk() ? `wrk for ${WRK_SECONDS} s` : `${REQUESTS} requests with fetch`}`);
  const server = await startServerProcess(url);
  let stats: RunStats;
  // The server is a child process: stop it whatever happens, or a failed run leaves it (and this process) waiting.
  try {
    const session = await benchSession(database.db, server.url);
    console.log(`logged in as ${session.user.username} (community officer, all beats)`);
    try {
      const op = async (i: number) => {
        const response = await fetch(`${server.url}/api/search?q=${encodeURIComponent(queries[i % queries.length]!)}`, { headers: { cookie: session.cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`search: HTTP ${response.status}`);
      };
      // wrk when installed (as the registers and tiles benches): a client in its own process, so the
      // two cores' time goes to the server and PostgreSQL, not to fetch in this one.
      const paths = queries.map((q) => `/api/search?q=${encodeURIComponent(q)}`);
      if (hasWrk()) {
        await wrk(server.url, paths, { connections: CLIENTS, seconds: 2, headers: { cookie: session.cookie } });
        stats = await wrk(server.url, paths, { connections: CLIENTS, seconds: WRK_SECONDS, headers: { cookie: session.cookie } });
      } else {
        await closedLoop(Array.from({ length: 200 }, (_, i) => i), CLIENTS, op);
        stats = await closedLoop(Array.from({ length: REQUESTS }, (_, i) => i), CLIENTS, op);
      }
    } finally {
      await retireBenchUser(database.db, session.user);
    }
  } finally {
    await server.stop();
  }
  await database.close();
  console.log(`\nsearch (${hasWrk() ? 'wrk' : 'fetch'}): ${fmt(stats.perSecond)} req/s, p50 ${fmt(stats.p50Ms, 2)} ms, p95 ${fmt(stats.p95Ms, 2)} ms (target p95 ≤ 50 ms)`);
}
