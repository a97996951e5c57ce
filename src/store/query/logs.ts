import { LOG_COLUMNS, logTable } from '../log-columns.js';
import { Params, where } from '../params.js';
import { ident, type Sql } from '../sql.js';
import { LOG_KINDS, type LogKind, type LogQuery, type LogRow, type Page } from '../store.js';
import { logCondition, logOrder } from './log-filter.js';

type StoredRow = { ts: number; node: string; rec: LogRow } & Record<string, unknown>;

/** The columns that rebuild a record: ts, node, rec and the extracted columns. */
function selectList(kind: LogKind): string {
  return ['ts', 'node', 'rec', ...LOG_COLUMNS[kind].map((c) => ident(c.column))].join(', ');
}

/**
 * A stored record as returned: exactly as ingested — `rec` plus the extracted fields that had a value
 * (int8 arrives as a string or bigint from the drivers: numbers again) — and the node that sent it.
 */
function record(kind: LogKind, r: StoredRow): LogRow {
  const out: LogRow = { ts: r.ts, ...r.rec };
  for (const c of LOG_COLUMNS[kind]) {
    const v = r[c.column];
    if (v !== null && v !== undefined) out[c.field] = c.type === 'int8' ? Number(v) : v;
  }
  out['node'] = r.node;
  return out;
}

function conditions(kind: LogKind, lq: LogQuery, p: Params): string[] {
  const c: string[] = [];
  if (lq.from !== undefined) c.push(`ts >= ${p.add(lq.from, '::float8')}`);
  if (lq.to !== undefined) c.push(`ts < ${p.add(lq.to, '::float8')}`);
  if (lq.node !== undefined) c.push(`node = ${p.add(lq.node, '::text')}`);
  for (const w of lq.where) c.push(logCondition(kind, w, p));
  return c;
}

export async function listLogs(q: Sql, kind: LogKind, lq: LogQuery, page: Page): Promise<LogRow[]> {
  const p = new Params();
  const w = where(conditions(kind, lq, p));
  const order = logOrder(kind, lq.sort, p);
  const sql = `SELECT ${selectList(kind)} FROM ${logTable(kind)} ${w} ORDER BY ${order}
    LIMIT ${p.add(page.limit, '::int8')} OFFSET ${p.add(page.offset, '::int8')}`;
  return (await q.query<StoredRow>(sql, p.values)).rows.map((r) => record(kind, r));
}

export async function countLogs(q: Sql, kind: LogKind, lq: LogQuery): Promise<number> {
  const p = new Params();
  const w = where(conditions(kind, lq, p));
  const r = await q.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${logTable(kind)} ${w}`,
    p.values,
  );
  return Number(r.rows[0]!.n);
}

export async function logsByCommunityId(
  q: Sql,
  cid: string,
  limit: number,
): Promise<Record<LogKind, LogRow[]>> {
  const out = { conn: [], dns: [], http: [], ssl: [] } as Record<LogKind, LogRow[]>;
  await Promise.all(
    LOG_KINDS.map(async (k) => {
      const r = await q.query<StoredRow>(
        `SELECT ${selectList(k)} FROM ${logTable(k)} WHERE community_id = $1::text ORDER BY ts, id LIMIT $2::int8`,
        [cid, limit],
      );
      out[k] = r.rows.map((x) => record(k, x));
    }),
  );
  return out;
}
