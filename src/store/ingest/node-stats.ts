import type { Sql } from '../sql.js';

export interface NodeDelta {
  node: string;
  first: number;
  last: number;
  n: number;
}

/** Per-node count and ts range of rows (all of them new), sorted by node. */
export function nodeDeltas(rows: readonly { node: string; ts: number }[]): NodeDelta[] {
  const m = new Map<string, NodeDelta>();
  for (const r of rows) {
    const d = m.get(r.node);
    if (d === undefined) m.set(r.node, { node: r.node, first: r.ts, last: r.ts, n: 1 });
    else {
      d.n++;
      if (r.ts < d.first) d.first = r.ts;
      if (r.ts > d.last) d.last = r.ts;
    }
  }
  return [...m.values()].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** Add new samples to node_stats. Nodes are locked in name order, so concurrent batches cannot deadlock. */
export async function addNodeStats(q: Sql, deltas: readonly NodeDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await q.query(
    `INSERT INTO node_stats (node, first_ts, last_ts, samples)
     SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::int8[])
     ON CONFLICT (node) DO UPDATE SET first_ts = least(node_stats.first_ts, excluded.first_ts),
       last_ts = greatest(node_stats.last_ts, excluded.last_ts), samples = node_stats.samples + excluded.samples`,
    [
      deltas.map((d) => d.node),
      deltas.map((d) => d.first),
      deltas.map((d) => d.last),
      deltas.map((d) => d.n),
    ],
  );
}

/** Delete samples before `before` and take them off node_stats; returns how many were deleted. */
export async function retainSamples(q: Sql, before: number): Promise<number> {
  const r = await q.query<{ node: string; n: string }>(
    `WITH d AS (DELETE FROM samples WHERE ts < $1::float8 RETURNING node)
     SELECT node, count(*) AS n FROM d GROUP BY node ORDER BY node`,
    [before],
  );
  if (r.rows.length === 0) return 0;
  const nodes = r.rows.map((x) => x.node);
  await q.query(
    `UPDATE node_stats s SET samples = s.samples - d.n,
       first_ts = coalesce((SELECT min(ts) FROM samples WHERE samples.node = s.node), s.first_ts)
     FROM unnest($1::text[], $2::int8[]) AS d(node, n) WHERE s.node = d.node`,
    [nodes, r.rows.map((x) => Number(x.n))],
  );
  await q.query('DELETE FROM node_stats WHERE samples <= 0');
  return r.rows.reduce((s, x) => s + Number(x.n), 0);
}
