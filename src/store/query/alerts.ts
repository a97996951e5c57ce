import { Params, where } from '../params.js';
import type { Sql } from '../sql.js';
import type { AlertFilter, AlertGroup, AlertRow, AlertSort, Page } from '../store.js';
import { alertConditions, matchingMsgs, type AlertScope } from './alert-filter.js';
import { ALERT_SELECT, alertRow, type AlertDbRow } from './alert-row.js';

/** Sort keys; ties are broken newest first (then by id) so pages are stable. */
const ORDER: Record<AlertSort, string> = {
  '-ts': 'ts DESC, id DESC',
  ts: 'ts ASC, id ASC',
  priority: 'priority ASC NULLS LAST, ts DESC, id DESC',
  '-priority': 'priority DESC NULLS LAST, ts DESC, id DESC',
  sid: 'sid ASC, ts DESC, id DESC',
  '-sid': 'sid DESC, ts DESC, id DESC',
};

async function count(q: Sql, f: AlertFilter, scope: AlertScope): Promise<number> {
  const p = new Params();
  const w = where(alertConditions(f, p, scope));
  const r = await q.query<{ n: string | number }>(`SELECT count(*) AS n FROM alerts ${w}`, p.values);
  return Number(r.rows[0]!.n);
}

/**
 * Exact count; with no filter at all, the maintained counter (migration 005). `addr` (src or dst) is counted as two disjoint halves — src = x, and dst = x with src not
 * x — each an index-only scan, where the OR would read every matching row from the table.
 */
export async function countAlerts(q: Sql, f: AlertFilter, scope: AlertScope): Promise<number> {
  if (scope.msgs?.length === 0) return 0;
  if (Object.values(f).every((v) => v === undefined || v === '')) {
    const r = await q.query<{ n: string | number }>('SELECT coalesce(sum(n), 0) AS n FROM alert_count');
    return Number(r.rows[0]!.n);
  }
  if (f.addr === undefined) return count(q, f, scope);
  const [a, b] = await Promise.all([
    count(q, f, { ...scope, addrSide: 'src' }),
    count(q, f, { ...scope, addrSide: 'dst-only' }),
  ]);
  return a + b;
}

/**
 * One page. With `addr` and a ts order, each end's (addr, ts) index gives its newest rows in order: the
 * page is the merge of the first offset+limit of each, not a sort of every match.
 */
export async function listAlerts(
  q: Sql,
  f: AlertFilter,
  sort: AlertSort,
  page: Page,
  scope: AlertScope,
): Promise<AlertRow[]> {
  if (scope.msgs?.length === 0 || page.limit === 0) return [];
  const p = new Params();
  const order = ORDER[sort];
  const lim = `LIMIT ${p.add(page.limit, '::int8')} OFFSET ${p.add(page.offset, '::int8')}`;
  let sql: string;
  if (f.addr !== undefined && (sort === 'ts' || sort === '-ts')) {
    const n = p.add(page.limit + page.offset, '::int8');
    const half = (side: 'src' | 'dst-only') =>
      `(SELECT id FROM alerts ${where(alertConditions(f, p, { ...scope, addrSide: side }))} ORDER BY ${order} LIMIT ${n})`;
    sql = `SELECT ${ALERT_SELECT} FROM alerts WHERE id IN (${half('src')} UNION ALL ${half('dst-only')})
      ORDER BY ${order} ${lim}`;
  } else {
    sql = `SELECT ${ALERT_SELECT} FROM alerts ${where(alertConditions(f, p, scope))} ORDER BY ${order} ${lim}`;
  }
  return (await q.query<AlertDbRow>(sql, p.values)).rows.map(alertRow);
}

export async function pageOfAlerts(
  q: Sql,
  f: AlertFilter,
  sort: AlertSort,
  page: Page,
): Promise<{ total: number; items: AlertRow[] }> {
  const scope = await matchingMsgs(q, f);
  const [total, items] = await Promise.all([countAlerts(q, f, scope), listAlerts(q, f, sort, page, scope)]);
  return { total, items };
}

export async function getAlert(q: Sql, id: number): Promise<AlertRow | null> {
  if (!Number.isSafeInteger(id)) return null;
  const r = await q.query<AlertDbRow>(`SELECT ${ALERT_SELECT} FROM alerts WHERE id = $1::int8`, [id]);
  return r.rows[0] === undefined ? null : alertRow(r.rows[0]);
}

interface GroupDbRow {
  gid?: number;
  sid?: string | number;
  src_addr?: string | null;
  msg?: string | null;
  n: string | number;
  first_ts: number;
  last_ts: number;
  total: string | number;
}

function group(by: 'signature' | 'src', r: GroupDbRow): AlertGroup {
  const base = { count: Number(r.n), first_ts: r.first_ts, last_ts: r.last_ts };
  if (by === 'signature') {
    const sid = Number(r.sid);
    return { key: `${r.gid}:${sid}`, gid: r.gid!, sid, msg: r.msg ?? '', ...base };
  }
  // Alerts without a source address (node anomalies) form one group with key ''.
  return r.src_addr == null ? { key: '', ...base } : { key: r.src_addr, src_addr: r.src_addr, ...base };
}

/**
 * Groups by count descending (then key). Counting runs over an index of (gid, sid, ts) or (src_addr, ts);
 * a signature's msg is read once per group on the page (its newest alert), not aggregated over all rows.
 */
export async function alertGroups(
  q: Sql,
  by: 'signature' | 'src',
  f: AlertFilter,
  page: Page,
): Promise<{ total: number; items: AlertGroup[] }> {
  const scope = await matchingMsgs(q, f);
  if (scope.msgs?.length === 0) return { total: 0, items: [] };
  const keys = by === 'signature' ? 'gid, sid' : 'src_addr';
  const p = new Params();
  const w = where(alertConditions(f, p, scope));
  const order = by === 'signature' ? 'n DESC, gid, sid' : 'n DESC, src_addr NULLS FIRST';
  const msg =
    by === 'signature'
      ? ', (SELECT a.msg FROM alerts a WHERE a.gid = g.gid AND a.sid = g.sid ORDER BY a.ts DESC LIMIT 1) AS msg'
      : '';
  const sql = `WITH g AS (
      SELECT ${keys}, count(*) AS n, min(ts) AS first_ts, max(ts) AS last_ts FROM alerts ${w} GROUP BY ${keys}),
    pg AS (SELECT g.*, count(*) OVER () AS total FROM g ORDER BY ${order}
      LIMIT ${p.add(page.limit, '::int8')} OFFSET ${p.add(page.offset, '::int8')})
    SELECT g.*${msg} FROM pg g ORDER BY ${order}`;
  const rows = (await q.query<GroupDbRow>(sql, p.values)).rows;
  let total = rows[0] === undefined ? 0 : Number(rows[0].total);
  // No row to carry the window count: a page past the end, or a zero-row page (limit 0) asking only the total.
  if (rows.length === 0 && (page.offset > 0 || page.limit === 0)) {
    const c = new Params();
    const cw = where(alertConditions(f, c, scope));
    const r = await q.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM alerts ${cw} GROUP BY ${keys}) x`,
      c.values,
    );
    total = Number(r.rows[0]!.n);
  }
  return { total, items: rows.map((r) => group(by, r)) };
}
