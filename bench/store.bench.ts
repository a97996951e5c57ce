import { readFileSync } from 'node:fs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mulberry32 } from '../src/anomaly/detectors/prng.js';
import { FEATURE_NAMES } from '../src/metrics/features.js';
import { copyText } from '../src/store/ingest/batch.js';
import { recRest } from '../src/store/ingest/logs.js';
import { pgDb } from '../src/store/pg-db.js';
import { pgliteDb } from '../src/store/pglite-db.js';
import { sqlStore } from '../src/store/sql-store.js';
import type { AlertFilter, SampleRow, Store } from '../src/store/store.js';

/**
 * Store benchmarks: (a) sample ingest rate, 10k-row batches, PostgreSQL (COPY) and PGlite; (b) query
 * latency over 1,000,000 alerts and 5,000,000 conn records spread over 7 days in PostgreSQL (schema
 * `vigil_bench`, generated once and reused). Database: VIGIL_BENCH_DATABASE_URL or the local test one.
 */
const URL = process.env['VIGIL_BENCH_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const ALERTS = Number(process.env['VIGIL_BENCH_ALERTS'] ?? 1_000_000);
const CONNS = Number(process.env['VIGIL_BENCH_CONNS'] ?? 5_000_000);
const RUNS = Number(process.env['VIGIL_BENCH_QUERY_RUNS'] ?? 50);
const T0 = 1_700_000_000;
const SPAN = 7 * 86400;

function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(46)} ${value}\n`);
}

const prng = mulberry32;

/** Zipf-like choice of 0..n-1: a few values are common, most are rare (sids, talkers). */
function zipf(n: number, r: () => number, s = 1.1): () => number {
  const cum = new Float64Array(n);
  let t = 0;
  for (let k = 0; k < n; k++) cum[k] = t += 1 / (k + 1) ** s;
  return () => {
    const x = r() * t;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const sampleRow = (node: string, ts: number, r: () => number): SampleRow => {
  const s = { node, ts, attack: 0 } as SampleRow;
  for (const f of FEATURE_NAMES) s[f] = Math.round(r() * 1e6) / 100;
  return s;
};

/** CPU seconds used so far by the server backends of `appName` (a local server's /proc), or null. */
async function backendCpu(appName: string): Promise<number | null> {
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  try {
    const pids = (await c.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [appName]))
      .rows;
    let ticks = 0;
    for (const { pid } of pids as { pid: number }[]) {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
    }
    return ticks / 100;
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

async function ingestRate(
  store: Store,
  label: string,
  batches: number,
  appName?: string,
  streams = 1,
): Promise<void> {
  const r = prng(1);
  const base = T0 + streams * 1e6; // each run its own keys
  const data = Array.from({ length: batches }, (_, b) =>
    Array.from({ length: 10_000 }, (_, i) =>
      sampleRow(`node-${i % 20}`, base + b * 500 + Math.floor(i / 20), r),
    ),
  );
  await store.ingestSamples(`warm-${Date.now()}`, [sampleRow('warm', 0, r)]); // opens the connection
  const s0 = appName === undefined ? null : await backendCpu(appName);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // `streams` senders at once, as several agents would: one encodes while the database stores another.
  let next = 0;
  const sender = async () => {
    for (let b = next++; b < data.length; b = next++) await store.ingestSamples(`bench-${t0}-${b}`, data[b]!);
  };
  await Promise.all(Array.from({ length: streams }, sender));
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const s1 = appName === undefined ? null : await backendCpu(appName);
  const cpu = (c.user + c.system) / 1e6;
  const n = batches * 10_000;
  // On a shared machine wall time depends on the load; CPU seconds (client + server) do not.
  const server = s0 !== null && s1 !== null ? `, server CPU ${(s1 - s0).toFixed(2)} s` : '';
  const perCpu = s0 !== null && s1 !== null ? `  ${Math.round(n / (cpu + s1 - s0))} rows per CPU-second` : '';
  line(
    `sample ingest, ${label}`,
    `${Math.round(n / s)} rows/s${perCpu}  (${n} rows, ${s.toFixed(2)} s, client CPU ${cpu.toFixed(2)} s${server})`,
  );
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function benchIngest(): Promise<void> {
  const schema = `vigil_bench_ingest_${process.pid}`;
  const appName = `vigil-bench-${process.pid}`;
  const store = sqlStore(pgDb({ connectionString: URL, schema, applicationName: appName, max: 2 }));
  try {
    await store.migrate();
    await ingestRate(store, 'PostgreSQL COPY, 10k-row batches', 20, appName);
    await ingestRate(store, 'PostgreSQL COPY, 10k-row batches, 2 senders', 20, appName, 2);
  } finally {
    await store.close();
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
  const lite = sqlStore(await pgliteDb('memory://'));
  await lite.migrate();
  await ingestRate(lite, 'PGlite COPY from blob, 10k-row batches', 5);
  await lite.close();
}

const CLASSES = [
  'ET POLICY',
  'ET SCAN',
  'MALWARE-CNC',
  'SERVER-WEBAPP',
  'PROTOCOL-DNS',
  'INDICATOR-SHELLCODE',
];
const WORDS = [
  'SQL injection',
  'suspicious user-agent',
  'Win.Trojan.Agent',
  'outbound beacon',
  'Nmap scan',
  'TLS self-signed',
];
const msgOf = (sid: number) =>
  `${CLASSES[sid % CLASSES.length]} ${WORDS[(sid >> 3) % WORDS.length]} attempt ${sid}`;
const addrOf = (k: number) =>
  k < 5000 ? `10.${(k >> 8) & 255}.${k & 255}.${(k * 7) % 250}` : `203.0.${k % 256}.${k % 200}`;
const cidOf = (k: number) => `1:${((k * 2654435761) >>> 0).toString(36)}=`;

/** One COPY of `n` generated lines into `table` (columns as given), in pieces of 50k lines. */
async function copyRows(
  c: pg.Client,
  table: string,
  cols: string,
  n: number,
  row: (i: number) => unknown[],
): Promise<void> {
  for (let start = 0; start < n; start += 50_000) {
    let text = '';
    for (let i = start; i < Math.min(n, start + 50_000); i++)
      text +=
        row(i)
          .map((v) =>
            copyText(
              v === undefined
                ? null
                : typeof v === 'object' && v !== null
                  ? JSON.stringify(v)
                  : (v as string | number | null),
            ),
          )
          .join('\t') + '\n';
    await new Promise<void>((res, rej) => {
      const s = c.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN`));
      s.on('error', rej);
      s.on('finish', res);
      s.end(text);
    });
  }
}

function alertRow(r: () => number, sid: () => number, talker: () => number): (i: number) => unknown[] {
  return (i) => {
    const s = 2_000_000 + sid();
    const ts = T0 + (i / ALERTS) * SPAN + r();
    const [src, dst] = [addrOf(talker()), addrOf(talker())];
    const [sp, dp] = [1024 + Math.floor(r() * 60000), [80, 443, 53, 22, 8080][i % 5]!];
    const node = `node-${Math.floor(r() * 20)}`;
    const cid = cidOf(Math.floor(r() * 2_000_000));
    const doc = {
      seconds: Math.floor(ts),
      ts_usec: Math.floor((ts % 1) * 1e6),
      ts,
      node,
      gid: 1,
      sid: s,
      rev: 1,
      msg: msgOf(s),
      class: 'Misc activity',
      priority: 1 + (s % 3),
      proto: 'TCP',
      src_ap: `${src}:${sp}`,
      dst_ap: `${dst}:${dp}`,
      dir: 'C2S',
      action: 'allow',
      community_id: cid,
      src_addr: src,
      src_port: sp,
      dst_addr: dst,
      dst_port: dp,
    };
    return [
      ts,
      node,
      1,
      s,
      1,
      doc.msg,
      doc.class,
      'misc-activity',
      doc.priority,
      'TCP',
      src,
      sp,
      dst,
      dp,
      'C2S',
      null,
      cid,
      null,
      null,
      null,
      null,
      doc,
    ];
  };
}

function connRow(r: () => number, talker: () => number): (i: number) => unknown[] {
  const services = ['http', 'dns', 'ssl', 'ssh', null, 'http', 'ssl'];
  const histories = ['ShADadFf', 'S', 'ShADadfF', 'Dd', 'ShAdDaFf', 'ShR'];
  return (i) => {
    const ts = T0 + (i / CONNS) * SPAN + r();
    const [oh, rh] = [addrOf(talker()), addrOf(talker())];
    const service = services[Math.floor(r() * services.length)]!;
    const rec: Record<string, unknown> = {
      ts,
      uid: `C${i.toString(36)}`,
      'id.orig_h': oh,
      'id.orig_p': 1024 + (i % 60000),
      'id.resp_h': rh,
      'id.resp_p': [80, 443, 53, 22][i % 4],
      proto: service === 'dns' ? 'udp' : 'tcp',
      duration: r() * 10,
      orig_bytes: Math.floor(r() * 5000),
      resp_bytes: Math.floor(r() * 50000),
      conn_state: 'SF',
      missed_bytes: 0,
      history: histories[i % histories.length],
      orig_pkts: 5,
      orig_ip_bytes: 400,
      resp_pkts: 6,
      resp_ip_bytes: 6000,
      ip_proto: 6,
      community_id: cidOf(i),
    };
    if (service !== null) rec['service'] = service;
    return [
      ts,
      `node-${i % 20}`,
      rec['uid'],
      oh,
      rec['id.orig_p'],
      rh,
      rec['id.resp_p'],
      rec['community_id'],
      rec['proto'],
      service,
      rec['duration'],
      rec['orig_bytes'],
      rec['resp_bytes'],
      'SF',
      rec['history'],
      recRest('conn', rec), // what ingest keeps in jsonb: the fields that have no column
    ];
  };
}

/**
 * Conn records generated before `history` was a column: emptied, so they are generated again rather than
 * rewritten row by row by migration 006 (5M updates, and a table twice its size until vacuumed).
 */
async function dropConnWithoutHistory(): Promise<void> {
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  try {
    const t = await c.query(
      "SELECT count(*) FILTER (WHERE column_name = 'history') AS h, count(*) AS n FROM information_schema.columns WHERE table_schema = 'vigil_bench' AND table_name = 'log_conn'",
    );
    const row = t.rows[0] as { h: string; n: string };
    if (Number(row.n) > 0 && Number(row.h) === 0) await c.query('TRUNCATE vigil_bench.log_conn');
  } finally {
    await c.end();
  }
}

/** Load the big tables once: indexes dropped during COPY and rebuilt after (much faster than row by row). */
async function ensureData(): Promise<void> {
  await dropConnWithoutHistory();
  const store = sqlStore(pgDb({ connectionString: URL, schema: 'vigil_bench' }));
  await store.migrate();
  await store.close();
  const c = new pg.Client({
    connectionString: URL,
    options: '-c search_path=vigil_bench -c maintenance_work_mem=512MB',
  });
  await c.connect();
  try {
    const have = async (t: string) => Number((await c.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    const load = async (table: string, n: number, cols: string, row: (i: number) => unknown[]) => {
      if ((await have(table)) === n) return;
      const t0 = performance.now();
      const idx = (
        await c.query(
          `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'vigil_bench' AND tablename = $1 AND indexname NOT LIKE '%_pkey'`,
          [table],
        )
      ).rows as { indexname: string; indexdef: string }[];
      await c.query(`TRUNCATE ${table}`);
      for (const x of idx) await c.query(`DROP INDEX vigil_bench.${x.indexname}`);
      await copyRows(c, table, cols, n, row);
      for (const x of idx) await c.query(x.indexdef);
      await c.query(`VACUUM ANALYZE ${table}`);
      line(`generated ${table}`, `${n} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    };
    const r = prng(42);
    await load(
      'alerts',
      ALERTS,
      'ts, node, gid, sid, rev, msg, class, classtype, priority, proto, src_addr, src_port, dst_addr, dst_port, dir, service, community_id, src_pod, src_ns, dst_pod, dst_ns, doc',
      alertRow(r, zipf(2000, r), zipf(7000, r)),
    );
    await load(
      'log_conn',
      CONNS,
      'ts, node, uid, orig_h, orig_p, resp_h, resp_p, community_id, proto, service, duration, orig_bytes, resp_bytes, conn_state, history, rec',
      connRow(r, zipf(7000, r, 0.9)),
    );
    // COPY bypassed what alert ingest keeps: the distinct messages and the alert counter.
    await c.query('INSERT INTO alert_msgs SELECT DISTINCT msg FROM alerts ON CONFLICT DO NOTHING');
    await c.query(
      'UPDATE alert_count SET n = CASE WHEN shard = 0 THEN (SELECT count(*) FROM alerts) ELSE 0 END',
    );
    // As autovacuum would have by now: visibility maps set, so counts can be index-only (cheap if done).
    for (const t of ['alerts', 'log_conn', 'samples']) await c.query(`VACUUM ANALYZE ${t}`);
  } finally {
    await c.end();
  }
  await ensureSamples();
}

/** 20 nodes × 7 days of 10-second samples, stored through the store itself (so node_stats is kept). */
async function ensureSamples(): Promise<void> {
  const store = sqlStore(pgDb({ connectionString: URL, schema: 'vigil_bench', max: 2 }));
  try {
    const want = Math.ceil((20 * SPAN) / 10 / 10_000) * 10_000; // whole batches of 10k
    if ((await store.nodes()).reduce((n, x) => n + x.samples, 0) === want) return;
    await adminQuery('TRUNCATE vigil_bench.samples, vigil_bench.node_stats');
    const t0 = performance.now();
    const r = prng(3);
    for (let b = 0; b < want / 10_000; b++) {
      const rows = Array.from({ length: 10_000 }, (_, i) => {
        const k = b * 10_000 + i;
        return sampleRow(`node-${k % 20}`, T0 + Math.floor(k / 20) * 10, r);
      });
      await store.ingestSamples(`gen-${t0}-${b}`, rows);
    }
    line('generated samples', `${want} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await store.close();
  }
}

async function latency(name: string, run: (i: number) => Promise<unknown>): Promise<void> {
  await run(-1); // warm the plan cache and the buffers once
  const ms: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = await run(i);
    ms.push(performance.now() - t0);
    const total = (r as { total?: unknown } | null)?.total;
    if (typeof total === 'number') totals.push(total);
  }
  ms.sort((a, b) => a - b);
  totals.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1);
  // The median number of matches says what the figure is about (a query that matched nothing is fast).
  const matches = totals.length > 0 ? `  median total ${totals[totals.length >> 1]}` : '';
  line(name, `p50 ${q(0.5)} ms  p99 ${q(0.99)} ms  (${RUNS} runs)${matches}`);
}

async function benchQueries(): Promise<void> {
  await ensureData();
  const store = sqlStore(pgDb({ connectionString: URL, schema: 'vigil_bench', max: 4 }));
  const page = { limit: 100, offset: 0 };
  const r = prng(7);
  const sids = zipf(2000, r);
  const talkers = zipf(7000, r);
  const day = (i: number) => ({
    from: T0 + (Math.abs(i) % 7) * 86400,
    to: T0 + (Math.abs(i) % 7) * 86400 + 86400,
  });
  const alerts = (f: (i: number) => AlertFilter) => (i: number) => store.alerts(f(i), '-ts', page);
  try {
    await latency(
      'alerts, first page, no filter (+total)',
      alerts(() => ({})),
    );
    await latency(
      'alerts by sid',
      alerts(() => ({ sid: 2_000_000 + sids() })),
    );
    await latency(
      'alerts by addr (src or dst)',
      alerts(() => ({ addr: addrOf(talkers()) })),
    );
    await latency(
      'alerts by node + 1 day',
      alerts((i) => ({ node: `node-${Math.abs(i) % 20}`, ...day(i) })),
    );
    await latency(
      'alerts text search q=',
      alerts((i) => ({ q: WORDS[Math.abs(i) % WORDS.length]!.split(' ')[0]! })),
    );
    await latency('alert groups by signature', () => store.alertGroups('signature', {}, page));
    await latency('conn by id.orig_h + 1 day', (i) =>
      store.logs(
        'conn',
        { ...day(i), where: [{ field: 'id.orig_h', op: 'eq', value: addrOf(talkers()) }] },
        page,
      ),
    );
    await latency('conn by orig_pkts (jsonb, no column), 1 day', (i) =>
      store.logs(
        'conn',
        { ...day(i), where: [{ field: 'orig_pkts', op: 'eq', value: String(5 + (i % 2)) }] },
        page,
      ),
    );
    await latency('conn by service + history~, 1 day', (i) =>
      store.logs(
        'conn',
        {
          ...day(i),
          where: [
            { field: 'service', op: 'eq', value: 'http' },
            { field: 'history', op: 'contains', value: 'ShAd' },
          ],
        },
        page,
      ),
    );
    await latency('nodes (20 nodes, 1.21M samples)', () => store.nodes());
    await latency('overview, 1 day, 60 buckets', (i) => store.overview(day(i), 1440));
  } finally {
    await store.close();
  }
}

/** Print every figure; the query part needs PostgreSQL and is skipped (with a line saying so) without it. */
export async function benchStore(): Promise<void> {
  try {
    await adminQuery('SELECT 1');
  } catch (e) {
    line('store', `skipped: no PostgreSQL at ${URL} (${e instanceof Error ? e.message : String(e)})`);
    return;
  }
  await benchIngest();
  await benchQueries();
}
