import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/registry.js';
import { openStore } from './open.js';
import { pgDb } from './pg-db.js';
import { sqlStore } from './sql-store.js';
import { StoreError, type AlertIn } from './store.js';
import { TEST_DATABASE_URL, backends, count, sample, type TestStore } from './testkit.js';

const alert = (seconds: number, sid = 1000, extra: Record<string, unknown> = {}): AlertIn => ({
  seconds,
  gid: 1,
  sid,
  rev: 1,
  msg: `test alert ${sid}`,
  src_ap: '10.0.0.1:1234',
  dst_ap: '10.0.0.2:80',
  ...extra,
});

describe.each(backends())('store ingest on $name', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('applies migrations once: a second run finds nothing to do', async () => {
    expect(await migrate(t.db)).toEqual([]);
    await t.store.migrate();
    const r = await t.db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(r.rows.map((x) => Number(x.id))).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('migration 006 moves conn history from the record into its column on a store that predates it', async () => {
    const o = await backend.open();
    try {
      const rec = {
        ts: 1_700_000_000,
        uid: 'Chist',
        'id.orig_h': '10.0.0.1',
        'id.orig_p': 1,
        'id.resp_h': '10.0.0.2',
        'id.resp_p': 80,
        proto: 'tcp',
        history: 'ShADadFf',
        conn_state: 'SF',
      };
      await o.store.ingestLogs('hist-1', 'n', { conn: [rec] });
      // The layout before 006: no column, history kept in the jsonb record.
      await o.db.query('ALTER TABLE log_conn DROP COLUMN history');
      await o.db.query(`UPDATE log_conn SET rec = rec || '{"history":"ShADadFf"}'::jsonb`);
      await o.db.query('DELETE FROM schema_migrations WHERE id = 6');
      expect(await migrate(o.db)).toEqual([6]);
      const col = await o.db.query<{ history: string; has: boolean }>(
        "SELECT history, rec ? 'history' AS has FROM log_conn WHERE uid = 'Chist'",
      );
      expect(col.rows).toEqual([{ history: 'ShADadFf', has: false }]);
      const found = await o.store.logs(
        'conn',
        { where: [{ field: 'history', op: 'contains', value: 'ADad' }] },
        { limit: 10, offset: 0 },
      );
      expect(found.items.map((r) => [r['uid'], r['history']])).toEqual([['Chist', 'ShADadFf']]);
    } finally {
      await o.drop();
    }
  });

  it('stores a retried sample batch once', async () => {
    const rows = [sample('retry', 1), sample('retry', 2), sample('retry', 3)];
    expect(await t.store.ingestSamples('retry-1', rows)).toEqual({ accepted: 3, duplicate: false });
    expect(await t.store.ingestSamples('retry-1', rows)).toEqual({ accepted: 0, duplicate: true });
    expect(await t.store.samples('retry', {}, 100)).toEqual(rows);
  });

  it('keeps the first sample of a (node, ts) sent again in another batch', async () => {
    await t.store.ingestSamples('key-1', [sample('key', 10, 1)]);
    const r = await t.store.ingestSamples('key-2', [
      sample('key', 10, 2),
      sample('key', 11, 2),
      sample('other', 10, 2),
    ]);
    expect(r).toEqual({ accepted: 2, duplicate: false });
    const got = await t.store.samples('key', {}, 10);
    expect(got).toEqual([sample('key', 10, 1), sample('key', 11, 2)]);
    // The same key twice inside one batch is stored once too.
    expect(await t.store.ingestSamples('key-3', [sample('key', 12), sample('key', 12, 9)])).toEqual({
      accepted: 1,
      duplicate: false,
    });
  });

  it('streams a large batch in chunks and still keeps first samples when a late chunk repeats keys', async () => {
    // 2,500 rows are three COPY chunks; the repeated keys are all in the last one, so PostgreSQL refuses the
    // COPY after the first chunks were sent, and the batch goes through the staging path instead.
    const late = Array.from({ length: 100 }, (_, i) => sample('big', 2400 + i, 1));
    expect(await t.store.ingestSamples('big-1', late)).toEqual({ accepted: 100, duplicate: false });
    const all = Array.from({ length: 2500 }, (_, i) => sample('big', i, 2));
    expect(await t.store.ingestSamples('big-2', all)).toEqual({ accepted: 2400, duplicate: false });
    const got = await t.store.samples('big', {}, 5000);
    expect(got).toHaveLength(2500);
    expect(got[0]).toEqual(sample('big', 0, 2));
    expect(got[2399]).toEqual(sample('big', 2399, 2));
    expect(got[2400]).toEqual(sample('big', 2400, 1));
    expect(got[2499]).toEqual(sample('big', 2499, 1));
  });

  it('stores nothing of a batch that fails halfway, and a retry stores it once', async () => {
    await t.db.query(`ALTER TABLE samples ADD CONSTRAINT test_no_bad CHECK (node <> 'bad')`);
    const rows = Array.from({ length: 2000 }, (_, i) => sample(i === 1500 ? 'bad' : 'half', i));
    try {
      await expect(t.store.ingestSamples('half-1', rows)).rejects.toMatchObject({ code: 'E_STORE_QUERY' });
    } finally {
      await t.db.query('ALTER TABLE samples DROP CONSTRAINT test_no_bad');
    }
    expect(await t.store.samples('half', {}, 10)).toEqual([]);
    expect(await count(t.db, "batches WHERE batch_id = 'half-1'")).toBe(0);
    expect((await t.store.ingestSamples('half-1', rows)).accepted).toBe(2000);
    expect((await t.store.samples('half', {}, 5000)).length).toBe(1999);

    // Logs: the conn part is written, then a dns record the database refuses (a check) ends it.
    const conn = [{ ts: 1, uid: 'Chalf', 'id.orig_h': '10.9.9.9' }];
    const bad = { logs: { conn, dns: [{ ts: 2, query: 'refuse-me' }] } };
    await t.db.query(
      `ALTER TABLE log_dns ADD CONSTRAINT test_no_bad_dns CHECK (query IS DISTINCT FROM 'refuse-me')`,
    );
    try {
      await expect(t.store.ingestLogs('half-logs', 'n', bad.logs)).rejects.toBeInstanceOf(StoreError);
    } finally {
      await t.db.query('ALTER TABLE log_dns DROP CONSTRAINT test_no_bad_dns');
    }
    expect(await count(t.db, "log_conn WHERE uid = 'Chalf'")).toBe(0);
    expect(await t.store.ingestLogs('half-logs', 'n', { conn })).toEqual({ accepted: 1, duplicate: false });
  });

  it('stores NUL characters from traffic as \\x00 (PostgreSQL text and jsonb cannot hold them)', async () => {
    const http = {
      ts: 5,
      uid: 'Cnul',
      'id.orig_h': '10.0.0.1',
      'id.orig_p': 1,
      'id.resp_h': '10.0.0.2',
      'id.resp_p': 80,
      host: 'h\u0000st',
      referrer: 'http://h/1.\u0000tml',
      resp_mime_types: ['text/\u0000plain'],
      'odd\u0000key': 'v\u0000',
    };
    expect(await t.store.ingestLogs('nul-logs', 'n', { http: [http] })).toEqual({
      accepted: 1,
      duplicate: false,
    });
    const got = await t.store.logs(
      'http',
      { where: [{ field: 'uid', op: 'eq', value: 'Cnul' }] },
      { limit: 10, offset: 0 },
    );
    expect(got.items[0]).toMatchObject({
      host: 'h\\x00st',
      referrer: 'http://h/1.\\x00tml',
      resp_mime_types: ['text/\\x00plain'],
      'odd\\x00key': 'v\\x00',
    });
    const a = alert(6, 4242, { service: 'ht\u0000tp', extra: 'e\u0000' });
    expect(await t.store.ingestAlerts('nul-alerts', 'n', [a], [])).toMatchObject({ accepted: 1 });
    const alerts = await t.store.alerts({ sid: 4242 }, '-ts', { limit: 10, offset: 0 });
    expect(alerts.items[0]).toMatchObject({ service: 'ht\\x00tp' });
  });

  it('answers a value the database cannot hold as bad input (E_STORE_INPUT), not as an internal error', async () => {
    await expect(t.store.ingestSamples('nul-node', [sample('no\u0000de', 1)])).rejects.toMatchObject({
      code: 'E_STORE_INPUT',
    });
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const nan = { ...sample('input', 1), ts: Number.NaN };
    await expect(t.store.ingestSamples('in-1', [sample('input', 0), nan])).rejects.toMatchObject({
      code: 'E_STORE_INPUT',
      message: expect.stringContaining('/samples/1/ts'),
    });
    // A bad value in a late chunk of a large batch: the chunks before it were already sent to the COPY.
    const big = Array.from({ length: 2500 }, (_, i) => sample('input', 100 + i));
    big[2100] = { ...big[2100]!, load1: Number.POSITIVE_INFINITY };
    await expect(t.store.ingestSamples('in-big', big)).rejects.toMatchObject({
      code: 'E_STORE_INPUT',
      message: expect.stringContaining('/samples/2100/load1'),
    });
    await expect(t.store.ingestSamples('bad id!', [sample('input', 0)])).rejects.toMatchObject({
      code: 'E_STORE_INPUT',
    });
    await expect(
      t.store.ingestLogs('in-2', 'n', { conn: [{ ts: 1, 'id.orig_p': 'x' }] }),
    ).rejects.toMatchObject({
      code: 'E_STORE_INPUT',
      message: expect.stringContaining('/logs/conn/0/id.orig_p'),
    });
    await expect(t.store.ingestAlerts('in-3', 'n', [{ ...alert(1), sid: 1.5 }], [])).rejects.toMatchObject({
      code: 'E_STORE_INPUT',
    });
    await expect(
      t.store.ingestAlerts('in-4', 'n', [alert(1), { ...alert(2), msg: 'x'.repeat(801) }], []),
    ).rejects.toMatchObject({
      code: 'E_STORE_INPUT',
      message: expect.stringContaining('/alerts/1/msg'),
    });
    expect(await t.store.samples('input', {}, 10)).toEqual([]);
    expect(await count(t.db, "batches WHERE batch_id LIKE 'in-%'")).toBe(0);
  });

  it('stores retried alert and log batches once', async () => {
    const a = [alert(100), alert(101)];
    expect(await t.store.ingestAlerts('al-1', 'n1', a, [])).toEqual({ accepted: 2, duplicate: false });
    expect(await t.store.ingestAlerts('al-1', 'n1', a, [])).toEqual({ accepted: 0, duplicate: true });
    expect((await t.store.alerts({ node: 'n1' }, '-ts', { limit: 10, offset: 0 })).total).toBe(2);
    const logs = { conn: [{ ts: 5, uid: 'Conce' }], http: [{ ts: 6, uid: 'Honce', host: 'a' }] };
    expect(await t.store.ingestLogs('lg-1', 'n1', logs)).toEqual({ accepted: 2, duplicate: false });
    expect(await t.store.ingestLogs('lg-1', 'n1', logs)).toEqual({ accepted: 0, duplicate: true });
    expect(await count(t.db, "log_conn WHERE uid = 'Conce'")).toBe(1);
  });

  it('keeps the highest revision of a rule text', async () => {
    const r = (rev: number) => ({ gid: 1, sid: 42, rev, text: `rev ${rev}` });
    await t.store.ingestAlerts('rules-1', 'n', [], [r(2), r(3)]);
    expect(await t.store.ruleText(1, 42)).toBe('rev 3');
    await t.store.ingestAlerts('rules-2', 'n', [], [r(1)]);
    expect(await t.store.ruleText(1, 42)).toBe('rev 3');
    await t.store.ingestAlerts('rules-3', 'n', [], [r(4)]);
    expect(await t.store.ruleText(1, 42)).toBe('rev 4');
    expect(await t.store.ruleText(1, 43)).toBeNull();
  });

  it('labels samples in [from, to) and counts only rows that changed', async () => {
    await t.store.ingestSamples(
      'lab',
      [1, 2, 3, 4, 5].map((ts) => sample('lab', ts)),
    );
    expect(await t.store.label('lab', 2, 4, 1)).toBe(2);
    expect(await t.store.label('lab', 2, 5, 1)).toBe(1);
    expect((await t.store.samples('lab', {}, 10)).map((s) => s.attack)).toEqual([0, 1, 1, 1, 0]);
    expect(await t.store.label('lab', 0, 10, 0)).toBe(3);
    await expect(t.store.label('lab', 0, 10, 2)).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
  });

  it('reads samples and scores in ascending ts within [from, to) up to the limit', async () => {
    await t.store.ingestSamples(
      'rng',
      [5, 1, 4, 2, 3].map((ts) => sample('rng', ts)),
    );
    expect((await t.store.samples('rng', { from: 2, to: 5 }, 10)).map((s) => s.ts)).toEqual([2, 3, 4]);
    expect((await t.store.samples('rng', { from: 2 }, 2)).map((s) => s.ts)).toEqual([2, 3]);
    const sc = (ts: number, score: number) => ({
      node: 'rng',
      ts,
      score,
      multivariate: score / 2,
      drivers: [{ feature: 'load1', share: 1 }],
    });
    await t.store.ingestScores([sc(3, 0.1), sc(1, 0.2)]);
    await t.store.ingestScores([sc(3, 0.9)]);
    expect(await t.store.scores('rng', { to: 10 }, 10)).toEqual([sc(1, 0.2), sc(3, 0.9)]);
  });

  it('summarises nodes with their newest score and whether it raised an anomaly alert', async () => {
    await t.store.ingestSamples('nodes', [sample('zz-node', 100), sample('zz-node', 200)]);
    await t.store.ingestScores([{ node: 'zz-node', ts: 200, score: 0.99, multivariate: 0.5, drivers: [] }]);
    const before = (await t.store.nodes()).find((n) => n.node === 'zz-node');
    expect(before).toEqual({
      node: 'zz-node',
      first_sample_ts: 100,
      last_sample_ts: 200,
      samples: 2,
      last_score: 0.99,
      anomalous: false,
    });
    await t.store.ingestAlerts(
      'anom',
      'zz-node',
      [{ seconds: 200, ts: 200, gid: 7700, sid: 1, rev: 1, msg: 'VIGIL node anomaly' }],
      [],
    );
    expect((await t.store.nodes()).find((n) => n.node === 'zz-node')?.anomalous).toBe(true);
  });

  it('keeps audit runs once per batch id and returns the newest', async () => {
    expect(await t.store.latestAudit()).toBeNull();
    const a = await t.store.ingestAudit({
      batchId: 'au-1',
      source: 'cluster',
      findings: [{ id: 'x' }],
      reach: null,
    });
    const again = await t.store.ingestAudit({
      batchId: 'au-1',
      source: 'cluster',
      findings: [],
      reach: null,
    });
    expect(again).toEqual({ run_id: a.run_id, duplicate: true });
    const reach = { nodes: [{ id: 'a' }], edges: [] };
    const b = await t.store.ingestAudit({ batchId: 'au-2', source: 'ci', findings: [], reach });
    const latest = await t.store.latestAudit();
    expect(latest).toMatchObject({ run_id: b.run_id, source: 'ci', findings: [], reach });
    expect(latest!.created_ts).toBeGreaterThan(1.7e9);
  });

  it('retains only rows at or after the horizon, in every time-keyed table', async () => {
    await t.store.ingestSamples('ret-s', [sample('ret', 10), sample('ret', 20)]);
    await t.store.ingestAlerts('ret-a', 'ret', [alert(10, 7), alert(20, 7)], []);
    await t.store.ingestLogs('ret-l', 'ret', { conn: [{ ts: 10 }, { ts: 20 }], ssl: [{ ts: 10 }] });
    await t.store.ingestScores([{ node: 'ret', ts: 10, score: 0, multivariate: 0, drivers: [] }]);
    const before = await Promise.all(
      ['samples', 'alerts', 'log_conn', 'log_ssl', 'scores'].map((x) => count(t.db, `${x} WHERE ts < 15`)),
    );
    const deleted = await t.store.retain(15);
    expect(deleted).toBeGreaterThanOrEqual(before.reduce((a, b) => a + b, 0));
    expect(before.every((n) => n > 0)).toBe(true);
    for (const x of ['samples', 'alerts', 'log_conn', 'log_ssl', 'scores'])
      expect(await count(t.db, `${x} WHERE ts < 15`)).toBe(0);
    expect((await t.store.samples('ret', {}, 10)).map((s) => s.ts)).toEqual([20]);
    expect(await t.store.latestAudit()).not.toBeNull();
    // A horizon after everything (and far beyond timestamptz's range) empties every table.
    const horizon = await t.store.retain(Number.MAX_VALUE);
    expect(horizon).toBeGreaterThan(0);
    expect(await count(t.db, 'samples')).toBe(0);
    expect(await count(t.db, 'batches')).toBe(0);
    await t.store.ingestSamples('ret-s', [sample('ret', 20)]);
    await t.store.ingestAlerts('ret-a', 'ret', [alert(10, 7), alert(20, 7)], []);
    // The unfiltered total comes from the maintained counter: it must equal a count after retention.
    const all = await t.store.alerts({}, '-ts', { limit: 1, offset: 0 });
    expect(all.total).toBe(await count(t.db, 'alerts'));
    expect(all.total).toBeGreaterThan(0);
  });

  it('keeps node summaries equal to an aggregate of the samples through dupes and retention', async () => {
    const long = `nœud-${'é'.repeat(400)}`; // multi-byte and longer than the COPY buffer's estimate
    await t.store.ingestSamples('agg-1', [sample(long, 30), sample(long, 31), sample('ret', 40)]);
    await t.store.ingestSamples('agg-2', [sample(long, 31), sample(long, 29), sample('ret', 40)]);
    await t.store.retain(30);
    const agg = await t.db.query<{ node: string; f: number; l: number; n: string }>(
      'SELECT node, min(ts) AS f, max(ts) AS l, count(*) AS n FROM samples GROUP BY node ORDER BY node',
    );
    const nodes = await t.store.nodes();
    expect(nodes.map((n) => [n.node, n.first_sample_ts, n.last_sample_ts, n.samples])).toEqual(
      agg.rows.map((r) => [r.node, r.f, r.l, Number(r.n)]),
    );
    expect(nodes.find((n) => n.node === long)).toMatchObject({
      first_sample_ts: 30,
      last_sample_ts: 31,
      samples: 2,
    });
    expect(await t.store.samples(long, {}, 10)).toEqual([sample(long, 30), sample(long, 31)]);
  });

  it.runIf(backend.name === 'postgres')(
    'runs concurrent migrations of a fresh schema one after another',
    async () => {
      const schema = `${t.schema!}_m`;
      const stores = [0, 1, 2].map(() =>
        sqlStore(pgDb({ connectionString: TEST_DATABASE_URL!, schema, max: 2 })),
      );
      try {
        await Promise.all(stores.map((s) => s.migrate()));
        const r = await stores[0]!.ingestSamples('m', [sample('m', 1)]);
        expect(r.accepted).toBe(1);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
        const c = new pg.Client({ connectionString: TEST_DATABASE_URL! });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      }
    },
  );

  it.runIf(backend.name === 'postgres')(
    'rolls back a batch whose connection is killed during COPY',
    async () => {
      const rows = Array.from({ length: 150_000 }, (_, i) => sample('killed', i));
      const killer = new pg.Client({ connectionString: TEST_DATABASE_URL! });
      await killer.connect();
      let killed = 0;
      const hunt = (async () => {
        for (let i = 0; i < 4000 && killed === 0; i++) {
          const r = await killer.query(
            `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
           WHERE application_name = $1 AND state = 'active' AND query LIKE 'COPY samples%'`,
            [t.appName],
          );
          killed = r.rows.length;
          if (killed === 0) await new Promise((res) => setTimeout(res, 2));
        }
      })();
      const result = await t.store.ingestSamples('killed-1', rows).then(
        () => null,
        (e: unknown) => e,
      );
      await hunt;
      await killer.end();
      expect(killed).toBe(1);
      expect(result).toBeInstanceOf(StoreError);
      expect((result as StoreError).code).toBe('E_STORE_UNAVAILABLE');
      expect(await count(t.db, "samples WHERE node = 'killed'")).toBe(0);
      expect(await count(t.db, "batches WHERE batch_id = 'killed-1'")).toBe(0);
      expect(await t.store.ingestSamples('killed-1', rows)).toEqual({
        accepted: rows.length,
        duplicate: false,
      });
      expect(await t.store.ingestSamples('killed-1', rows)).toEqual({ accepted: 0, duplicate: true });
    },
  );
});

describe('PGlite on disk', () => {
  it('keeps what was stored across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-store-'));
    try {
      const a = await openStore({ dataDir: join(dir, 'db') });
      await a.migrate();
      await a.ingestSamples('disk', [sample('disk', 1)]);
      await a.close();
      const b = await openStore({ dataDir: join(dir, 'db') });
      await b.migrate();
      expect(b.engine).toBe('pglite');
      expect(await b.samples('disk', {}, 10)).toEqual([sample('disk', 1)]);
      expect(await b.ingestSamples('disk', [sample('disk', 2)])).toEqual({ accepted: 0, duplicate: true });
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
