import { ALERT_COUNT_SHARDS } from '../migrations/005-alert-count.js';
import type { Sql, TxSql } from '../sql.js';
import type { AlertIn, RuleText } from '../store.js';
import { badInput, intOrNull, isFiniteNumber, textOrNull } from '../validate.js';
import { pgJson } from '../pg-text.js';
import { chunks } from './batch.js';

/** Columns of `alerts` filled from an alert, in insert order (`doc` is the alert itself). */
const COLS = [
  ['ts', 'float8'],
  ['node', 'text'],
  ['gid', 'int4'],
  ['sid', 'int8'],
  ['rev', 'int4'],
  ['msg', 'text'],
  ['class', 'text'],
  ['classtype', 'text'],
  ['priority', 'int4'],
  ['proto', 'text'],
  ['src_addr', 'text'],
  ['src_port', 'int4'],
  ['dst_addr', 'text'],
  ['dst_port', 'int4'],
  ['dir', 'text'],
  ['service', 'text'],
  ['community_id', 'text'],
  ['src_pod', 'text'],
  ['src_ns', 'text'],
  ['dst_pod', 'text'],
  ['dst_ns', 'text'],
  ['doc', 'jsonb'],
] as const;

const MAX_MSG = 800; // ≤ 2.4 kB of UTF-8

/** Snort's `addr:port` (IPv6 `[addr]:port` too) when the alert does not carry src_addr/src_port already. */
function apParts(ap: unknown): { addr: string | null; port: number | null } {
  if (typeof ap !== 'string' || ap === '') return { addr: null, port: null };
  const i = ap.lastIndexOf(':');
  const port = i >= 0 && /^\d{1,5}$/.test(ap.slice(i + 1)) ? Number(ap.slice(i + 1)) : null;
  if (port === null) return { addr: ap, port: null };
  return { addr: ap.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port };
}

/** One alert → its column values; throws E_STORE_INPUT naming the field when a type is wrong. */
export function alertValues(a: AlertIn, batchNode: string, i: number): unknown[] {
  const at = `/alerts/${i}`;
  if (typeof a !== 'object' || a === null) throw badInput(at, 'must be an object');
  const ts = isFiniteNumber(a['ts']) ? a['ts'] : a.seconds + (a.ts_usec ?? 0) / 1e6;
  if (!isFiniteNumber(ts)) throw badInput(`${at}/seconds`, 'must be a finite number');
  const node = typeof a['node'] === 'string' && a['node'] !== '' ? a['node'] : batchNode;
  const src = apParts(a['src_ap']);
  const dst = apParts(a['dst_ap']);
  const gid = intOrNull(a.gid, `${at}/gid`);
  const sid = intOrNull(a.sid, `${at}/sid`, Number.MAX_SAFE_INTEGER);
  const rev = intOrNull(a.rev, `${at}/rev`);
  if (gid === null || sid === null || rev === null) throw badInput(at, 'needs gid, sid and rev');
  // Messages are indexed (btree keys stay well under PostgreSQL's ~2.7 kB limit); Snort's are a line.
  if (typeof a.msg !== 'string' || a.msg.length > MAX_MSG)
    throw badInput(`${at}/msg`, `must be a string of at most ${MAX_MSG} characters`);
  const text = (k: string) => textOrNull(a[k], `${at}/${k}`);
  const port = (k: string, fallback: number | null) =>
    a[k] === undefined ? fallback : intOrNull(a[k], `${at}/${k}`, 65535);
  return [
    ts,
    node,
    gid,
    sid,
    rev,
    a.msg,
    text('class'),
    text('classtype'),
    intOrNull(a['priority'], `${at}/priority`),
    text('proto'),
    a['src_addr'] === undefined ? src.addr : text('src_addr'),
    port('src_port', src.port),
    a['dst_addr'] === undefined ? dst.addr : text('dst_addr'),
    port('dst_port', dst.port),
    text('dir'),
    text('service'),
    text('community_id'),
    text('src_pod'),
    text('src_ns'),
    text('dst_pod'),
    text('dst_ns'),
    pgJson(a),
  ];
}

export async function insertAlerts(q: TxSql, node: string, alerts: readonly AlertIn[]): Promise<number> {
  const rows = alerts.map((a, i) => alertValues(a, node, i));
  const names = COLS.map(([c]) => c).join(', ');
  const unnest = COLS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  let n = 0;
  for (const part of chunks(rows, 5000)) {
    const cols: unknown[][] = COLS.map(() => []);
    for (const r of part) r.forEach((v, i) => cols[i]!.push(v));
    n += (await q.query(`INSERT INTO alerts (${names}) SELECT * FROM unnest(${unnest})`, cols)).rowCount;
  }
  // Sorted, so concurrent batches take the new messages' index locks in one order.
  const msgs = [...new Set(alerts.map((a) => a.msg))].sort();
  if (msgs.length > 0)
    await q.query('INSERT INTO alert_msgs SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [msgs]);
  if (n > 0) await addAlertCount(q, n);
  return n;
}

/** Add to the alert counter (a random shard; last in the batch, so its row lock is held only to commit). */
export async function addAlertCount(q: Sql, n: number): Promise<void> {
  const shard = Math.floor(Math.random() * ALERT_COUNT_SHARDS);
  await q.query('UPDATE alert_count SET n = n + $1::int8 WHERE shard = $2::int4', [n, shard]);
}

/** Upsert rule texts by (gid, sid); a lower revision never replaces a higher one. */
export async function upsertRules(q: TxSql, rules: readonly RuleText[]): Promise<void> {
  const byKey = new Map<string, RuleText>();
  rules.forEach((r, i) => {
    const at = `/rules/${i}`;
    if (
      intOrNull(r.gid, `${at}/gid`) === null ||
      intOrNull(r.sid, `${at}/sid`, Number.MAX_SAFE_INTEGER) === null
    )
      throw badInput(at, 'needs gid and sid');
    if (intOrNull(r.rev, `${at}/rev`) === null) throw badInput(`${at}/rev`, 'must be an integer');
    if (typeof r.text !== 'string') throw badInput(`${at}/text`, 'must be a string');
    const k = `${r.gid}:${r.sid}`;
    const prev = byKey.get(k);
    if (prev === undefined || r.rev >= prev.rev) byKey.set(k, r);
  });
  if (byKey.size === 0) return;
  const list = [...byKey.values()];
  await q.query(
    `INSERT INTO rules (gid, sid, rev, text)
     SELECT * FROM unnest($1::int4[], $2::int8[], $3::int4[], $4::text[])
     ON CONFLICT (gid, sid) DO UPDATE SET rev = excluded.rev, text = excluded.text
     WHERE excluded.rev >= rules.rev`,
    [list.map((r) => r.gid), list.map((r) => r.sid), list.map((r) => r.rev), list.map((r) => r.text)],
  );
}
