import { logFields } from './log-columns.js';
import type {
  AlertFilter,
  AlertGroup,
  AlertRow,
  AlertSort,
  LogCondition,
  LogKind,
  LogQuery,
  LogRow,
} from './store.js';

/**
 * Naive in-memory versions of the store's filters, sorts and groupings: what the conformance suite holds
 * both engines to. Written for clarity over arrays, independently of the SQL.
 */
const inRange = (ts: number, r: { from?: number; to?: number }) =>
  (r.from === undefined || ts >= r.from) && (r.to === undefined || ts < r.to);

export function alertMatches(a: AlertRow, f: AlertFilter): boolean {
  const eq = (k: string, v: unknown) => v === undefined || a[k] === v;
  const either = (x: string, y: string, v: unknown) => v === undefined || a[x] === v || a[y] === v;
  return (
    inRange(a.ts, f) &&
    eq('sid', f.sid) &&
    eq('gid', f.gid) &&
    eq('node', f.node) &&
    eq('classtype', f.classtype) &&
    eq('priority', f.priority) &&
    eq('proto', f.proto) &&
    eq('community_id', f.communityId) &&
    either('src_pod', 'dst_pod', f.pod) &&
    either('src_ns', 'dst_ns', f.namespace) &&
    either('src_addr', 'dst_addr', f.addr) &&
    either('src_port', 'dst_port', f.port) &&
    (f.q === undefined || f.q === '' || String(a['msg']).toLowerCase().includes(f.q.toLowerCase()))
  );
}

/** Primary key, then newest first (id breaks ts ties); `ts` ascending is oldest first throughout. */
export function alertCompare(sort: AlertSort): (a: AlertRow, b: AlertRow) => number {
  const newest = (a: AlertRow, b: AlertRow) => b.ts - a.ts || b.id - a.id;
  if (sort === '-ts') return newest;
  if (sort === 'ts') return (a, b) => a.ts - b.ts || a.id - b.id;
  const key = sort.replace('-', '');
  const dir = sort.startsWith('-') ? -1 : 1;
  return (a, b) => {
    const x = a[key] as number | undefined;
    const y = b[key] as number | undefined;
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
      return newest(a, b);
    }
    return dir * (x - y) || newest(a, b);
  };
}

export function alertGroupsOf(
  by: 'signature' | 'src',
  rows: readonly AlertRow[],
  all: readonly AlertRow[],
): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const a of rows) {
    const src = a['src_addr'] as string | null;
    const key = by === 'signature' ? `${a['gid']}:${a['sid']}` : (src ?? '');
    const g = groups.get(key) ?? { key, count: 0, first_ts: a.ts, last_ts: a.ts };
    g.count++;
    g.first_ts = Math.min(g.first_ts, a.ts);
    g.last_ts = Math.max(g.last_ts, a.ts);
    if (by === 'signature') {
      const sig = all
        .filter((x) => x['gid'] === a['gid'] && x['sid'] === a['sid'])
        .sort((x, y) => y.ts - x.ts)[0]!;
      Object.assign(g, { gid: a['gid'], sid: a['sid'], msg: sig['msg'] });
    } else if (src !== null) g.src_addr = src;
    groups.set(key, g);
  }
  const order = (g: AlertGroup) => (by === 'signature' ? [g.gid!, g.sid!] : [g.src_addr ?? '']);
  return [...groups.values()].sort((a, b) => {
    if (b.count !== a.count) return b.count - a.count;
    const [x, y] = [order(a), order(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
}

function valueMatches(kind: LogKind, c: LogCondition, v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.some((e) => valueMatches(kind, c, e));
  if (c.op === 'contains') return typeof v === 'string' && v.includes(c.value);
  if (typeof v === 'number') return c.value.trim() !== '' && v === Number(c.value);
  if (typeof v === 'boolean')
    return v === /^(?:T|true|1)$/i.test(c.value) && /^(?:T|F|true|false|1|0)$/i.test(c.value);
  return v === c.value;
}

export function logMatches(kind: LogKind, r: LogRow, q: LogQuery): boolean {
  if (!inRange(Number(r['ts']), q)) return false;
  if (q.node !== undefined && r['node'] !== q.node) return false;
  return q.where.every((c) => logFields(kind).has(c.field) && valueMatches(kind, c, r[c.field]));
}

/** By a numeric field (absent last in both directions), ties in insertion order along the same direction. */
export function logCompare(
  sort: string | undefined,
  order: Map<LogRow, number>,
): (a: LogRow, b: LogRow) => number {
  const s = sort ?? '-ts';
  const dir = s.startsWith('-') ? -1 : 1;
  const f = s.replace(/^-/, '');
  return (a, b) => {
    const x = a[f] as number | null | undefined;
    const y = b[f] as number | null | undefined;
    const xn = x === null || x === undefined;
    const yn = y === null || y === undefined;
    if (xn !== yn) return xn ? 1 : -1;
    if (!xn && !yn && x !== y) return dir * (x - y);
    return dir * (order.get(a)! - order.get(b)!);
  };
}
