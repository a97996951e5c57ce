import autocannon from 'autocannon';
import pg from 'pg';
import { FEATURE_NAMES } from '../src/metrics/features.js';
import { startServer } from '../src/server/listen.js';
import { openStore } from '../src/store/open.js';
import type { AlertIn, SampleRow, Store } from '../src/store/store.js';

export interface ApiBenchResult {
  engine: string;
  seedSeconds: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Requests answered 2xx per second (the rest were shed with 503 + Retry-After, or failed). */
  okPerSec: number;
}

const TOKEN = 'bench-token';
const NODES = 10;
const ALERTS = 100_000;
const WEEK = 7 * 86400;
/** One sample a minute: a week for 10 nodes is ~100k rows (the agent's default interval may be shorter). */
const STEP = 60;
const END = 1_700_000_000;
const START = END - WEEK;

function rand(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 16807) % 2147483647) / 2147483647;
}

async function seed(store: Store): Promise<void> {
  const r = rand(42);
  for (let n = 0; n < NODES; n++) {
    const rows: SampleRow[] = [];
    for (let ts = START; ts < END; ts += STEP) {
      const row = { node: `node-${n}`, ts, attack: 0 } as SampleRow;
      FEATURE_NAMES.forEach((f, i) => (row[f] = 100 * (i + 1) + 10 * r()));
      rows.push(row);
    }
    for (let i = 0; i < rows.length; i += 5000)
      await store.ingestSamples(`s-${n}-${i}`, rows.slice(i, i + 5000));
  }
  const sids = Array.from({ length: 200 }, (_, i) => 1_000_000 + i);
  for (let b = 0; b < ALERTS; b += 5000) {
    const alerts: AlertIn[] = [];
    for (let i = b; i < b + 5000; i++) {
      const ts = START + (i / ALERTS) * WEEK;
      const sid = sids[Math.floor(r() ** 2 * sids.length)]!;
      const src = `10.0.${Math.floor(r() * 20)}.${Math.floor(r() * 250)}`;
      alerts.push({
        seconds: Math.floor(ts),
        ts_usec: 0,
        ts,
        gid: 1,
        sid,
        rev: 1,
        msg: `BENCH signature ${sid}`,
        proto: 'TCP',
        priority: 1 + (sid % 3),
        src_ap: `${src}:${40000 + (i % 20000)}`,
        dst_ap: '10.1.0.9:80',
        src_addr: src,
        src_port: 40000 + (i % 20000),
        dst_addr: '10.1.0.9',
        dst_port: 80,
        community_id: `1:bench${i % 5000}=`,
        classtype: 'web-application-attack',
      });
    }
    await store.ingestAlerts(`a-${b}`, `node-${b % NODES}`, alerts, []);
  }
}

/** The query mix a dashboard makes: lists, groups, overview, a node's last hour, one alert's detail. */
function requests(): autocannon.Request[] {
  const h = END - 3600;
  return [
    { method: 'GET', path: '/api/v1/alerts?limit=100' },
    { method: 'GET', path: '/api/v1/alerts?sid=1000003&limit=50' },
    { method: 'GET', path: '/api/v1/alerts/groups?by=signature&limit=20' },
    { method: 'GET', path: `/api/v1/overview?from=${END - 86400}&to=${END}` },
    { method: 'GET', path: '/api/v1/nodes' },
    { method: 'GET', path: `/api/v1/samples?node=node-3&from=${h}&to=${END}` },
    { method: 'GET', path: '/api/v1/alerts/1234' },
  ];
}

async function runOne(engine: string, store: Store): Promise<ApiBenchResult> {
  await store.migrate();
  const t0 = process.hrtime.bigint();
  await seed(store);
  const seedSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const srv = await startServer({
    store,
    tokens: [TOKEN],
    webRoot: null,
    metrics: false,
    host: '127.0.0.1',
    port: 0,
  });
  try {
    const seconds = Number(process.env['VIGIL_BENCH_API_SECONDS'] ?? 10);
    const r = await autocannon({
      url: srv.url,
      connections: 200,
      duration: seconds,
      headers: { authorization: `Bearer ${TOKEN}` },
      requests: requests(),
    });
    return {
      engine,
      seedSeconds,
      reqPerSec: r.requests.average,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors,
      okPerSec: (r.requests.total - r.non2xx) / seconds,
    };
  } finally {
    await srv.close();
  }
}

async function postgresUrl(): Promise<string | null> {
  const url =
    process.env['VIGIL_BENCH_DATABASE_URL'] ??
    process.env['VIGIL_TEST_DATABASE_URL'] ??
    'postgres://postgres@127.0.0.1:5432/test';
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('DROP SCHEMA IF EXISTS vigil_bench_api CASCADE');
    return url;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * `vigil server`'s query routes under 200 concurrent connections for ~10 s (VIGIL_BENCH_API_SECONDS), on
 * PGlite and, when reachable, PostgreSQL; load generator and server share the process (and its 2 cores).
 */
export async function benchApi(line: (name: string, value: string) => void): Promise<ApiBenchResult[]> {
  const out: ApiBenchResult[] = [];
  const show = (r: ApiBenchResult) =>
    line(
      `api query mix, ${r.engine}, 200 connections`,
      `${Math.round(r.reqPerSec)} req/s (${Math.round(r.okPerSec)} 2xx/s)  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  ` +
        `(${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors; seed ${r.seedSeconds.toFixed(1)} s)`,
    );
  const lite = await openStore({ dataDir: 'memory://' });
  try {
    out.push(await runOne('PGlite', lite));
    show(out[out.length - 1]!);
  } finally {
    await lite.close();
  }
  const url = await postgresUrl();
  if (url === null) {
    line('api query mix, PostgreSQL', 'skipped: no PostgreSQL reachable (VIGIL_BENCH_DATABASE_URL)');
    return out;
  }
  const store = await openStore({ databaseUrl: url, schema: 'vigil_bench_api' });
  try {
    out.push(await runOne('PostgreSQL', store));
    show(out[out.length - 1]!);
  } finally {
    await store.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('DROP SCHEMA IF EXISTS vigil_bench_api CASCADE');
    await c.end();
  }
  return out;
}
