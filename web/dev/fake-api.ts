import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { makeFakeData, type Row } from './fake-data.js';

/** The development token of the fake API. */
export const FAKE_TOKEN = 'dev-token';

type Q = URLSearchParams;
const num = (q: Q, k: string): number | undefined => (q.has(k) ? Number(q.get(k)) : undefined);

function inRange(ts: unknown, q: Q): boolean {
  const from = num(q, 'from');
  const to = num(q, 'to');
  return typeof ts === 'number' && (from === undefined || ts >= from) && (to === undefined || ts < to);
}

function page<T>(rows: T[], q: Q) {
  const limit = Math.min(num(q, 'limit') ?? 100, 1000);
  const offset = num(q, 'offset') ?? 0;
  return { total: rows.length, items: rows.slice(offset, offset + limit) };
}

function sortBy(rows: Row[], sort: string): Row[] {
  const desc = sort.startsWith('-');
  const k = desc ? sort.slice(1) : sort;
  return [...rows].sort((a, b) => {
    const x = a[k] as number | string;
    const y = b[k] as number | string;
    return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
  });
}

function alertMatch(a: Row, q: Q): boolean {
  const eq = (k: string, ...cols: string[]) => !q.has(k) || cols.some((c) => String(a[c]) === q.get(k));
  return (
    inRange(a['ts'], q) &&
    eq('sid', 'sid') &&
    eq('gid', 'gid') &&
    eq('node', 'node') &&
    eq('classtype', 'classtype') &&
    eq('priority', 'priority') &&
    eq('addr', 'src_addr', 'dst_addr') &&
    eq('port', 'src_port', 'dst_port') &&
    eq('pod', 'src_pod', 'dst_pod') &&
    eq('namespace', 'src_ns', 'dst_ns') &&
    (!q.has('q') || String(a['msg']).toLowerCase().includes(q.get('q')!.toLowerCase()))
  );
}

/**
 * A Vite dev-server plugin answering docs/api.md's routes from canned data (token `dev-token`), for
 * working on the dashboard while no server runs. Development only: `vite build` never includes it.
 */
export function fakeApi(): Plugin {
  const d = makeFakeData();
  const route = (url: URL, body: Row | null): [number, unknown] => {
    const q = url.searchParams;
    const p = url.pathname;
    const nodes = [...new Set(d.samples.map((s) => s['node'] as string))].map((node) => {
      const ss = d.samples.filter((s) => s['node'] === node);
      const last = d.scores.filter((s) => s['node'] === node).at(-1);
      return {
        node,
        first_sample_ts: ss[0]!['ts'],
        last_sample_ts: ss.at(-1)!['ts'],
        samples: ss.length,
        last_score: last?.['score'] ?? null,
        anomalous: ((last?.['score'] as number) ?? 0) >= 0.6,
      };
    });
    if (p === '/api/v1/nodes') return [200, { items: nodes }];
    if (p === '/api/v1/overview') {
      const from = num(q, 'from') ?? d.now - 86_400;
      const to = num(q, 'to') ?? d.now;
      const bucket = Math.max(60, Math.ceil((to - from) / 60));
      const sel = d.alerts.filter((a) =>
        inRange(a['ts'], new URLSearchParams({ from: String(from), to: String(to) })),
      );
      const rate = new Map<number, number>();
      for (const a of sel) {
        const b = Math.floor((a['ts'] as number) / bucket) * bucket;
        rate.set(b, (rate.get(b) ?? 0) + 1);
      }
      const count = (key: (a: Row) => string) => {
        const m = new Map<string, number>();
        for (const a of sel) m.set(key(a), (m.get(key(a)) ?? 0) + 1);
        return [...m].sort((x, y) => y[1] - x[1]).slice(0, 10);
      };
      return [
        200,
        {
          nodes,
          alert_rate: [...rate].sort((x, y) => x[0] - y[0]).map(([ts, count]) => ({ ts, count })),
          top_signatures: count((a) => `${a['gid']}:${a['sid']}`).map(([k, c]) => {
            const a = sel.find((x) => `${x['gid']}:${x['sid']}` === k)!;
            return { gid: a['gid'], sid: a['sid'], msg: a['msg'], count: c };
          }),
          top_talkers: count((a) => a['src_addr'] as string).map(([addr, alerts]) => ({ addr, alerts })),
          newest_alerts: sortBy(sel, '-ts').slice(0, 10),
        },
      ];
    }
    if (p === '/api/v1/alerts')
      return [
        200,
        page(
          sortBy(
            d.alerts.filter((a) => alertMatch(a, q)),
            q.get('sort') ?? '-ts',
          ),
          q,
        ),
      ];
    if (p === '/api/v1/alerts/groups') {
      const by = q.get('by') === 'src' ? 'src' : 'signature';
      const m = new Map<string, Row>();
      for (const a of d.alerts.filter((x) => alertMatch(x, q))) {
        const key = by === 'src' ? (a['src_addr'] as string) : `${a['gid']}:${a['sid']}`;
        const g = m.get(key) ?? {
          key,
          ...(by === 'src' ? { src_addr: a['src_addr'] } : { gid: a['gid'], sid: a['sid'], msg: a['msg'] }),
          count: 0,
          first_ts: a['ts'],
          last_ts: a['ts'],
        };
        g['count'] = (g['count'] as number) + 1;
        g['first_ts'] = Math.min(g['first_ts'] as number, a['ts'] as number);
        g['last_ts'] = Math.max(g['last_ts'] as number, a['ts'] as number);
        m.set(key, g);
      }
      return [200, page(sortBy([...m.values()], '-count'), q)];
    }
    const am = /^\/api\/v1\/alerts\/(\d+)$/.exec(p);
    if (am) {
      const a = d.alerts.find((x) => x['id'] === Number(am[1]));
      if (!a) return [404, { error: 'not_found', message: `no alert ${am[1]}` }];
      const related = Object.fromEntries(
        Object.entries(d.logs).map(([k, rows]) => [
          k,
          rows.filter((r) => r['community_id'] === a['community_id']),
        ]),
      );
      return [200, { ...a, rule_text: d.rules.get(`${a['gid']}:${a['sid']}`) ?? null, related }];
    }
    const lm = /^\/api\/v1\/logs\/(conn|dns|http|ssl)$/.exec(p);
    if (lm) {
      const special = new Set(['from', 'to', 'node', 'sort', 'limit', 'offset', 'format']);
      const rows = d.logs[lm[1]!]!.filter(
        (r) =>
          inRange(r['ts'], q) &&
          [...q].every(
            ([k, v]) =>
              special.has(k) ||
              (v.startsWith('~') ? String(r[k] ?? '').includes(v.slice(1)) : String(r[k]) === v),
          ),
      );
      const sorted = sortBy(rows, q.get('sort') ?? '-ts');
      if (q.get('format') === 'csv') {
        const cols = Object.keys(d.logs[lm[1]!]![0] ?? {});
        return [
          200,
          {
            csv:
              [
                cols.join(','),
                ...page(sorted, q).items.map((r) => cols.map((c) => JSON.stringify(r[c] ?? '')).join(',')),
              ].join('\n') + '\n',
            name: `${lm[1]}.csv`,
          },
        ];
      }
      return [200, page(sorted, q)];
    }
    if (p === '/api/v1/samples' || p === '/api/v1/samples/zscore')
      return [200, { items: d.samples.filter((s) => s['node'] === q.get('node') && inRange(s['ts'], q)) }];
    if (p === '/api/v1/scores')
      return [
        200,
        { threshold: 0.6, items: d.scores.filter((s) => s['node'] === q.get('node') && inRange(s['ts'], q)) },
      ];
    if (p === '/api/v1/dataset.csv')
      return [200, { csv: 'node,ts,attack\n', name: `${q.get('node')}-${q.get('view') ?? 'raw'}.csv` }];
    if (p === '/api/v1/labels' && body) {
      const hit = d.samples.filter(
        (s) =>
          s['node'] === body['node'] &&
          (s['ts'] as number) >= (body['from'] as number) &&
          (s['ts'] as number) < (body['to'] as number),
      );
      for (const s of hit) s['attack'] = body['attack'];
      return [200, { updated: hit.length }];
    }
    if (p === '/api/v1/audit/latest') return [200, d.audit];
    return [404, { error: 'not_found', message: `no route ${p}` }];
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) {
      res
        .writeHead(401, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error: 'unauthorized', message: 'missing or invalid bearer token' }));
      return;
    }
    if (url.pathname === '/api/v1/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.write(': open\n\n');
      const t = setInterval(
        () => res.write(`event: samples\ndata: {"node":"node-a","ts":${Date.now() / 1000}}\n\n`),
        15_000,
      );
      req.on('close', () => clearInterval(t));
      return;
    }
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const [status, out] = route(url, raw ? (JSON.parse(raw) as Row) : null);
      const csv = out as { csv?: string; name?: string };
      if (csv.csv !== undefined) {
        res
          .writeHead(status, {
            'Content-Type': 'text/csv',
            'Content-Disposition': `attachment; filename="${csv.name}"`,
          })
          .end(csv.csv);
      } else res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(out));
    });
  };

  return {
    name: 'vigil-fake-api',
    configureServer(server) {
      server.middlewares.use((req, res, next) => (req.url?.startsWith('/api/') ? handle(req, res) : next()));
    },
  };
}
