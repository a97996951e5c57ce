import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertCompare, alertGroupsOf, alertMatches, logCompare, logMatches } from './reference.js';
import type { AlertFilter, AlertIn, AlertRow, AlertSort, LogCondition, LogRow } from './store.js';
import { backends, type TestStore } from './testkit.js';
import { mulberry32 } from '../anomaly/detectors/prng.js';

/** A deterministic generator so both engines hold the same data. */
// mulberry32: consecutive draws are independent enough that every combination occurs (an LCG's top bits
// never gave src == dst here).
const prng = mulberry32;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const NODES = ['n1', 'n2', 'n3'];
const SIDS = [1000, 1001, 2000];
const MSGS: Record<number, string> = {
  1000: 'ET SQL Injection attempt',
  1001: 'MALWARE-CNC 100%_done',
  2000: 'sql_probe Policy Violation',
};
const ADDRS = ['10.0.0.1', '10.0.0.2', 'fd00::1', '192.168.1.5'];
const PORTS = [80, 443, 53, 1234];
const PODS = ['web', 'db'];
const NSS = ['prod', 'dev'];
const CLASSTYPES = ['trojan-activity', 'web-application-attack'];
const CIDS = ['1:aaa', '1:bbb'];
const QS = ['sql', 'SQL', '100%', '%_', '_', 'violation', 'zz', 'ET '];

function makeAlerts(n: number): AlertIn[] {
  const r = prng(7);
  return Array.from({ length: n }, () => {
    const sid = pick(r, SIDS);
    const a: AlertIn = {
      seconds: Math.floor(r() * 1000),
      ts_usec: pick(r, [0, 500000]),
      gid: pick(r, [1, 1, 3]),
      sid,
      rev: 1,
      msg: MSGS[sid]!,
      proto: pick(r, ['TCP', 'UDP']),
      src_ap: `${pick(r, ADDRS)}:${pick(r, PORTS)}`,
      dst_ap: `${pick(r, ADDRS)}:${pick(r, PORTS)}`,
    };
    if (r() < 0.8) a['priority'] = pick(r, [1, 2, 3]);
    if (r() < 0.7) a['classtype'] = pick(r, CLASSTYPES);
    if (r() < 0.7) a['community_id'] = pick(r, CIDS);
    if (r() < 0.5) Object.assign(a, { src_pod: pick(r, PODS), src_ns: pick(r, NSS) });
    if (r() < 0.5) Object.assign(a, { dst_pod: pick(r, PODS), dst_ns: pick(r, NSS) });
    if (r() < 0.1) delete a['src_ap'];
    return a;
  });
}

const HIST = ['ShADad', 'S', 'Dd', 'ShAdDaFf'];
function makeConn(n: number): LogRow[] {
  const r = prng(11);
  return Array.from({ length: n }, (_, i) => {
    const rec: LogRow = {
      ts: Math.floor(r() * 100) + 0.5,
      uid: `C${i}`,
      'id.orig_h': pick(r, ADDRS),
      'id.orig_p': pick(r, PORTS),
      'id.resp_h': pick(r, ADDRS),
      'id.resp_p': pick(r, PORTS),
      proto: pick(r, ['tcp', 'udp']),
      conn_state: pick(r, ['S0', 'SF', 'REJ']),
      missed_bytes: pick(r, [0, 0, 10, 1500]),
      history: pick(r, HIST),
      local_orig: pick(r, [true, false]),
      community_id: pick(r, CIDS),
    };
    if (r() < 0.7) rec['service'] = pick(r, ['http', 'dns', 'ssl']);
    if (r() < 0.6) rec['duration'] = pick(r, [0.5, 1.25, 3]);
    if (r() < 0.6) rec['orig_bytes'] = pick(r, [0, 100, 2048]);
    if (r() < 0.3) rec['tunnel_parents'] = pick(r, [['Cx'], ['Cx', 'Cy'], []]);
    return rec;
  });
}

/** Candidate conditions over extracted columns and fields kept only in the jsonb record. */
const CONN_CONDS: [string, LogCondition['op'], string[]][] = [
  ['id.orig_h', 'eq', ADDRS],
  ['id.resp_p', 'eq', ['80', '443', '99999999999']],
  ['service', 'eq', ['http', 'dns']],
  ['service', 'contains', ['tt', 's']],
  ['proto', 'eq', ['tcp']],
  ['duration', 'eq', ['0.5', '0.50', '3', '1.25']],
  ['orig_bytes', 'eq', ['0', '2048', '0.5']],
  ['conn_state', 'eq', ['S0', 'REJ']],
  ['history', 'eq', HIST],
  ['history', 'contains', ['Ad', 'h', 'ZZ']],
  ['missed_bytes', 'eq', ['0', '10', '1500.0']],
  ['local_orig', 'eq', ['T', 'F', 'true']],
  ['tunnel_parents', 'eq', ['Cx', 'Cy']],
  ['tunnel_parents', 'contains', ['C', 'y']],
  ['community_id', 'eq', CIDS],
  ['uid', 'eq', ['C1', 'C77']],
  ['id.orig_h', 'contains', ['10.0', ':']],
];

const alertFilterArb: fc.Arbitrary<AlertFilter> = fc.record(
  {
    from: fc.integer({ min: 0, max: 1000 }),
    to: fc.integer({ min: 0, max: 1001 }),
    sid: fc.constantFrom(...SIDS, 9),
    gid: fc.constantFrom(1, 3),
    node: fc.constantFrom(...NODES),
    pod: fc.constantFrom(...PODS),
    namespace: fc.constantFrom(...NSS),
    addr: fc.constantFrom(...ADDRS),
    port: fc.constantFrom(...PORTS),
    classtype: fc.constantFrom(...CLASSTYPES),
    priority: fc.constantFrom(1, 2, 3),
    proto: fc.constantFrom('TCP', 'UDP'),
    communityId: fc.constantFrom(...CIDS),
    q: fc.constantFrom(...QS),
  },
  { requiredKeys: [] },
);
const sortArb = fc.constantFrom<AlertSort>('ts', '-ts', 'priority', '-priority', 'sid', '-sid');
const pageArb = fc.record({
  limit: fc.integer({ min: 0, max: 40 }),
  offset: fc.integer({ min: 0, max: 200 }),
});
const condArb = fc
  .constantFrom(...CONN_CONDS)
  .chain(([field, op, values]) =>
    fc.constantFrom(...values).map((value): LogCondition => ({ field, op, value })),
  );

describe.each(backends())('store queries on $name', (backend) => {
  let t: TestStore;
  let all: AlertRow[] = [];
  const conn = makeConn(300);
  const connOrder = new Map<LogRow, number>();
  beforeAll(async () => {
    t = await backend.open();
    const alerts = makeAlerts(400);
    // Spread over batches and nodes; each alert's node comes from its batch.
    for (let i = 0; i < alerts.length; i += 100)
      await t.store.ingestAlerts(`qa-${i}`, NODES[(i / 100) % 3]!, alerts.slice(i, i + 100), []);
    await t.store.ingestLogs('ql', 'n1', { conn });
    all = (await t.store.alerts({}, 'ts', { limit: 1000, offset: 0 })).items;
    const stored = (await t.store.logs('conn', { where: [], sort: 'ts' }, { limit: 1000, offset: 0 })).items;
    // Insertion order of the stored records, to break sort ties the way the store does.
    conn.forEach((r, i) =>
      connOrder.set(
        stored.find((s) => s['uid'] === r['uid'])!,
        i,
      ),
    );
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('returns every alert as ingested plus the server columns', () => {
    expect(all.length).toBe(400);
    // The data covers the corner the addr split must get right: the same address at both ends.
    expect(all.some((a) => a['src_addr'] === a['dst_addr'])).toBe(true);
    const a = all.find((x) => x['src_ap'] === undefined)!;
    expect(a['src_addr']).toBeNull();
    const b = all.find((x) => typeof x['src_ap'] === 'string' && String(x['src_ap']).startsWith('fd00::1:'))!;
    expect(b['src_addr']).toBe('fd00::1');
    expect(typeof b['src_port']).toBe('number');
    expect(b.ts).toBe(Number(b['seconds']) + Number(b['ts_usec']) / 1e6);
  });

  it('filters, sorts and pages alerts like the naive reference', async () => {
    await fc.assert(
      fc.asyncProperty(alertFilterArb, sortArb, pageArb, async (f, sort, page) => {
        const want = all.filter((a) => alertMatches(a, f)).sort(alertCompare(sort));
        const got = await t.store.alerts(f, sort, page);
        expect(got.total).toBe(want.length);
        expect(got.items.map((a) => a.id)).toEqual(
          want.slice(page.offset, page.offset + page.limit).map((a) => a.id),
        );
      }),
      { numRuns: 250 },
    );
  });

  it('groups alerts like the naive reference', async () => {
    await fc.assert(
      fc.asyncProperty(
        alertFilterArb,
        fc.constantFrom<'signature' | 'src'>('signature', 'src'),
        pageArb,
        async (f, by, page) => {
          const want = alertGroupsOf(
            by,
            all.filter((a) => alertMatches(a, f)),
            all,
          );
          const got = await t.store.alertGroups(by, f, { limit: page.limit % 6, offset: page.offset % 8 });
          expect(got.total).toBe(want.length);
          expect(got.items).toEqual(want.slice(page.offset % 8, (page.offset % 8) + (page.limit % 6)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers the number of groups for a zero-row page', async () => {
    for (const by of ['signature', 'src'] as const) {
      const got = await t.store.alertGroups(by, {}, { limit: 0, offset: 0 });
      expect(got).toEqual({ total: alertGroupsOf(by, all, all).length, items: [] });
    }
  });

  it('searches msg case-insensitively with LIKE characters taken literally', async () => {
    const page = { limit: 1000, offset: 0 };
    const pct = await t.store.alerts({ q: '100%_' }, '-ts', page);
    expect(pct.total).toBe(all.filter((a) => a['sid'] === 1001).length);
    expect((await t.store.alerts({ q: '%%' }, '-ts', page)).total).toBe(0);
    expect((await t.store.alerts({ q: 'injection ATT' }, '-ts', page)).total).toBe(
      all.filter((a) => a['sid'] === 1000).length,
    );
  });

  it('reads one alert by id, and nothing for an unknown id', async () => {
    expect(await t.store.alert(all[3]!.id)).toEqual(all[3]);
    expect(await t.store.alert(10_000_000)).toBeNull();
  });

  it('filters, sorts and pages logs by any Zeek field like the naive reference', async () => {
    const stored = [...connOrder.keys()];
    await fc.assert(
      fc.asyncProperty(
        fc.array(condArb, { maxLength: 3 }),
        fc.record(
          { from: fc.integer({ min: 0, max: 100 }), to: fc.integer({ min: 0, max: 101 }) },
          { requiredKeys: [] },
        ),
        fc.constantFrom(undefined, 'ts', '-ts', 'id.orig_p', '-duration', 'missed_bytes', '-orig_bytes'),
        pageArb,
        async (where, range, sort, page) => {
          const q = { ...range, where, ...(sort !== undefined ? { sort } : {}) };
          const want = stored.filter((r) => logMatches('conn', r, q)).sort(logCompare(sort, connOrder));
          const got = await t.store.logs('conn', q, page);
          expect(got.total).toBe(want.length);
          expect(got.items.map((r) => r['uid'])).toEqual(
            want.slice(page.offset, page.offset + page.limit).map((r) => r['uid']),
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  it('returns a log record exactly as ingested, sets and community_id included', async () => {
    const rec: LogRow = {
      ts: 1700000000.123456,
      uid: 'CRoundTrip',
      'id.orig_h': 'fe80::1',
      'id.orig_p': 5353,
      'id.resp_h': 'ff02::fb',
      'id.resp_p': 5353,
      proto: 'udp',
      trans_id: 0,
      query: 'printer._ipp._tcp.local',
      qclass: 1,
      qclass_name: 'C_INTERNET',
      qtype: 12,
      qtype_name: 'PTR',
      AA: false,
      TC: false,
      RD: false,
      RA: false,
      Z: 0,
      answers: ['a.local', 'b "quoted" \\ local', 'é'],
      TTLs: [120.0, 4500.5],
      rejected: false,
      rcode_name: null, // sent as null: must come back as null, not be left out
      community_id: '1:Kw0lQKWvm8hbB1V6QvX+Ek2hHzw=',
    };
    await t.store.ingestLogs('rt', 'node-rt', { dns: [rec] });
    const got = await t.store.logs(
      'dns',
      { node: 'node-rt', where: [{ field: 'answers', op: 'eq', value: 'b "quoted" \\ local' }] },
      { limit: 10, offset: 0 },
    );
    expect(got.items).toEqual([{ ...rec, node: 'node-rt' }]);
    expect(
      (
        await t.store.logs(
          'dns',
          { where: [{ field: 'TTLs', op: 'eq', value: '4500.50' }] },
          { limit: 1, offset: 0 },
        )
      ).total,
    ).toBe(1);
    // Every conn record of the generated set, columns and jsonb parts together, as it was sent.
    const conns = await t.store.logs('conn', { node: 'n1', where: [] }, { limit: 1000, offset: 0 });
    const byUid = (a: LogRow, b: LogRow) => String(a['uid']).localeCompare(String(b['uid']));
    expect([...conns.items].sort(byUid)).toEqual(conn.map((r) => ({ ...r, node: 'n1' })).sort(byUid));
    const related = await t.store.logsByCommunityId(rec['community_id'] as string, 10);
    expect(related).toEqual({ conn: [], dns: [{ ...rec, node: 'node-rt' }], http: [], ssl: [] });
  });

  it('refuses fields that are not in the log, and substrings of numbers', async () => {
    const page = { limit: 1, offset: 0 };
    await expect(
      t.store.logs('conn', { where: [{ field: 'nope; DROP TABLE x', op: 'eq', value: '1' }] }, page),
    ).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
    await expect(t.store.logs('conn', { where: [], sort: '-nope' }, page)).rejects.toMatchObject({
      code: 'E_STORE_INPUT',
    });
    await expect(
      t.store.logs('conn', { where: [{ field: 'id.orig_p', op: 'contains', value: '1' }] }, page),
    ).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
    await expect(
      t.store.logs('conn', { where: [{ field: 'duration', op: 'eq', value: 'abc' }] }, page),
    ).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
    await expect(
      t.store.logs('ssl', { where: [{ field: 'established', op: 'eq', value: 'maybe' }] }, page),
    ).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
  });

  it('summarises a range for the overview', async () => {
    const from = 100;
    const to = 700;
    const o = await t.store.overview({ from, to }, 100);
    const hit = all.filter((a) => a.ts >= from && a.ts < to);
    expect(o.alert_rate.map((b) => b.ts)).toEqual([100, 200, 300, 400, 500, 600]);
    expect(o.alert_rate.map((b) => b.count)).toEqual(
      [100, 200, 300, 400, 500, 600].map((b) => hit.filter((a) => a.ts >= b && a.ts < b + 100).length),
    );
    const sigs = alertGroupsOf('signature', hit, all).slice(0, 10);
    expect(o.top_signatures).toEqual(
      sigs.map((g) => ({ gid: g.gid, sid: g.sid, msg: g.msg, count: g.count })),
    );
    const talk = new Map<string, number>();
    for (const a of hit)
      for (const k of ['src_addr', 'dst_addr']) {
        const v = a[k];
        if (typeof v === 'string') talk.set(v, (talk.get(v) ?? 0) + 1);
      }
    const talkers = [...talk].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    expect(o.top_talkers).toEqual(talkers.map(([addr, alerts]) => ({ addr, alerts })));
    expect(o.newest_alerts.map((a) => a.id)).toEqual(
      [...hit]
        .sort(alertCompare('-ts'))
        .slice(0, 10)
        .map((a) => a.id),
    );
  });
});
