import type { Sql } from '../sql.js';
import type { AuditRun, AuditRunIn, ScoreRow } from '../store.js';
import { badInput, isFiniteNumber } from '../validate.js';
import { pgJson } from '../pg-text.js';

/** Scores keyed by (node, ts): a rescored sample replaces its score (the newest scorer state wins). */
export async function upsertScores(q: Sql, rows: readonly ScoreRow[]): Promise<void> {
  const byKey = new Map<string, ScoreRow>();
  rows.forEach((r, i) => {
    if (typeof r.node !== 'string' || r.node === '')
      throw badInput(`/${i}/node`, 'must be a non-empty string');
    for (const k of ['ts', 'score', 'multivariate'] as const)
      if (!isFiniteNumber(r[k])) throw badInput(`/${i}/${k}`, 'must be a finite number');
    byKey.set(`${r.node}\0${r.ts}`, r);
  });
  if (byKey.size === 0) return;
  const list = [...byKey.values()];
  await q.query(
    `INSERT INTO scores (node, ts, score, multivariate, drivers)
     SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::float8[], $5::jsonb[])
     ON CONFLICT (node, ts) DO UPDATE SET score = excluded.score, multivariate = excluded.multivariate,
       drivers = excluded.drivers`,
    [
      list.map((r) => r.node),
      list.map((r) => r.ts),
      list.map((r) => r.score),
      list.map((r) => r.multivariate),
      list.map((r) => pgJson(r.drivers ?? [])),
    ],
  );
}

/** One audit run; a batch id already stored answers that run's id. */
export async function insertAudit(q: Sql, run: AuditRunIn): Promise<{ run_id: number; duplicate: boolean }> {
  if (typeof run.source !== 'string') throw badInput('/source', 'must be a string');
  if (!Array.isArray(run.findings)) throw badInput('/findings', 'must be an array');
  const r = await q.query<{ id: string }>(
    `INSERT INTO audit_runs (created, source, findings, reach, batch_id)
     VALUES (extract(epoch FROM clock_timestamp())::float8, $1, $2::jsonb, $3::jsonb, $4)
     ON CONFLICT (batch_id) DO NOTHING RETURNING id`,
    [run.source, pgJson(run.findings), run.reach == null ? null : pgJson(run.reach), run.batchId],
  );
  if (r.rows[0] !== undefined) return { run_id: Number(r.rows[0].id), duplicate: false };
  const prev = await q.query<{ id: string }>('SELECT id FROM audit_runs WHERE batch_id = $1', [run.batchId]);
  return { run_id: Number(prev.rows[0]!.id), duplicate: true };
}

export async function latestAudit(q: Sql): Promise<AuditRun | null> {
  const r = await q.query<{
    id: string;
    created: number;
    source: string;
    findings: unknown[];
    reach: unknown;
  }>('SELECT id, created, source, findings, reach FROM audit_runs ORDER BY id DESC LIMIT 1');
  const x = r.rows[0];
  if (x === undefined) return null;
  return {
    run_id: Number(x.id),
    created_ts: x.created,
    source: x.source,
    findings: x.findings,
    reach: x.reach ?? null,
  };
}
