import { FEATURE_NAMES } from '../../metrics/features.js';
import { Params, where } from '../params.js';
import { ident, type Sql } from '../sql.js';
import type { NodeSummary, SampleRow, ScoreRow, TimeRange } from '../store.js';

const SAMPLE_COLS = ['node', 'ts', ...FEATURE_NAMES, 'attack'].map(ident).join(', ');

function range(r: TimeRange, p: Params): string[] {
  const c: string[] = [];
  if (r.from !== undefined) c.push(`ts >= ${p.add(r.from, '::float8')}`);
  if (r.to !== undefined) c.push(`ts < ${p.add(r.to, '::float8')}`);
  return c;
}

export async function listSamples(q: Sql, node: string, r: TimeRange, limit: number): Promise<SampleRow[]> {
  const p = new Params();
  const w = where([`node = ${p.add(node, '::text')}`, ...range(r, p)]);
  const rows = await q.query<SampleRow>(
    `SELECT ${SAMPLE_COLS} FROM samples ${w} ORDER BY ts LIMIT ${p.add(limit, '::int8')}`,
    p.values,
  );
  return rows.rows.map((s) => ({ ...s, attack: Number(s.attack) }));
}

export async function listScores(q: Sql, node: string, r: TimeRange, limit: number): Promise<ScoreRow[]> {
  const p = new Params();
  const w = where([`node = ${p.add(node, '::text')}`, ...range(r, p)]);
  const rows = await q.query<ScoreRow>(
    `SELECT node, ts, score, multivariate, drivers FROM scores ${w} ORDER BY ts LIMIT ${p.add(limit, '::int8')}`,
    p.values,
  );
  return rows.rows;
}

export async function labelSamples(
  q: Sql,
  node: string,
  from: number,
  to: number,
  attack: number,
): Promise<number> {
  const r = await q.query(
    `UPDATE samples SET attack = $4::int2
     WHERE node = $1::text AND ts >= $2::float8 AND ts < $3::float8 AND attack <> $4::int2`,
    [node, from, to, attack],
  );
  return r.rowCount;
}

/**
 * One row per node that has samples, with its newest score; `anomalous` is whether that score raised the
 * node-anomaly alert (gid 7700, sid 1, same node and ts) — the scorer's threshold, not one kept here.
 */
export async function listNodes(q: Sql): Promise<NodeSummary[]> {
  const r = await q.query<{
    node: string;
    first_ts: number;
    last_ts: number;
    n: string;
    score: number | null;
    anomalous: boolean;
  }>(
    `SELECT s.node, s.first_ts, s.last_ts, s.n, sc.score,
       sc.ts IS NOT NULL AND EXISTS (
         SELECT 1 FROM alerts a WHERE a.gid = 7700 AND a.sid = 1 AND a.node = s.node AND a.ts = sc.ts) AS anomalous
     FROM (SELECT node, first_ts, last_ts, samples AS n FROM node_stats) s
     LEFT JOIN LATERAL (SELECT ts, score FROM scores WHERE scores.node = s.node ORDER BY ts DESC LIMIT 1) sc ON true
     ORDER BY s.node`,
  );
  return r.rows.map((x) => ({
    node: x.node,
    first_sample_ts: x.first_ts,
    last_sample_ts: x.last_ts,
    samples: Number(x.n),
    last_score: x.score,
    anomalous: x.anomalous,
  }));
}
