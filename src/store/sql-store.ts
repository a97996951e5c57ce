import { guard } from './errors.js';
import { claimBatch } from './ingest/batch.js';
import { addAlertCount, insertAlerts, upsertRules } from './ingest/alerts.js';
import { insertLogs } from './ingest/logs.js';
import { insertAudit, latestAudit, upsertScores } from './ingest/other.js';
import { retainSamples } from './ingest/node-stats.js';
import { insertSamples } from './ingest/samples.js';
import { migrate } from './migrate.js';
import { logTable } from './log-columns.js';
import { alertGroups, getAlert, pageOfAlerts } from './query/alerts.js';
import { countLogs, listLogs, logsByCommunityId } from './query/logs.js';
import { overview } from './query/overview.js';
import { labelSamples, listNodes, listSamples, listScores } from './query/samples.js';
import type { Db } from './sql.js';
import { LOG_KINDS, StoreError, type IngestResult, type Page, type Store } from './store.js';
import { badInput, checkBatchId } from './validate.js';

function checkPage(p: Page): void {
  if (!Number.isSafeInteger(p.limit) || p.limit < 0)
    throw badInput('/limit', 'must be a non-negative integer');
  if (!Number.isSafeInteger(p.offset) || p.offset < 0)
    throw badInput('/offset', 'must be a non-negative integer');
}

/** Tables whose rows expire by their `ts` (besides samples, which also update node_stats). */
const TIME_KEYED = ['scores', 'alerts', ...LOG_KINDS.map(logTable)];

/** The Store over either engine: the same SQL, the engine only decides how rows are bulk-loaded. */
export function sqlStore(db: Db): Store {
  const batch = (
    kind: string,
    batchId: string,
    rows: number,
    body: (q: Parameters<Parameters<Db['tx']>[0]>[0]) => Promise<number>,
  ) =>
    guard(`ingest ${kind}`, async (): Promise<IngestResult> => {
      checkBatchId(batchId);
      return db.tx(async (q) => {
        if (!(await claimBatch(q, kind, batchId, rows))) return { accepted: 0, duplicate: true };
        return { accepted: await body(q), duplicate: false };
      });
    });

  return {
    engine: db.engine,
    migrate: async () => void (await migrate(db)),
    ping: () => guard('ping', async () => void (await db.query('SELECT 1'))),
    close: () => db.close(),

    ingestSamples(batchId, rows) {
      return guard('ingest samples', async () => {
        return batch('samples', batchId, rows.length, (q) => insertSamples(q, rows));
      });
    },
    ingestAlerts(batchId, node, alerts, rules) {
      return batch('alerts', batchId, alerts.length, async (q) => {
        await upsertRules(q, rules);
        return insertAlerts(q, node, alerts);
      });
    },
    ingestLogs(batchId, node, logs) {
      const n = LOG_KINDS.reduce((s, k) => s + (logs[k]?.length ?? 0), 0);
      return batch('logs', batchId, n, async (q) => {
        let accepted = 0;
        for (const k of LOG_KINDS) accepted += await insertLogs(q, k, node, logs[k] ?? []);
        return accepted;
      });
    },
    ingestScores: (rows) => guard('ingest scores', () => upsertScores(db, rows)),
    ingestAudit: (run) =>
      guard('ingest audit', async () => {
        checkBatchId(run.batchId);
        return db.tx((q) => insertAudit(q, run));
      }),

    nodes: () => guard('nodes', () => listNodes(db)),
    samples: (node, range, limit) => guard('samples', () => listSamples(db, node, range, limit)),
    scores: (node, range, limit) => guard('scores', () => listScores(db, node, range, limit)),
    label: (node, from, to, attack) =>
      guard('label', async () => {
        if (attack !== 0 && attack !== 1) throw badInput('/attack', 'must be 0 or 1');
        return labelSamples(db, node, from, to, attack);
      }),

    alerts: (f, sort, page) =>
      guard('alerts', async () => {
        checkPage(page);
        return pageOfAlerts(db, f, sort, page);
      }),
    alertGroups: (by, f, page) =>
      guard('alert groups', async () => {
        checkPage(page);
        return alertGroups(db, by, f, page);
      }),
    alert: (id) => guard('alert', () => getAlert(db, id)),
    ruleText: (gid, sid) =>
      guard('rule text', async () => {
        const r = await db.query<{ text: string }>(
          'SELECT text FROM rules WHERE gid = $1::int4 AND sid = $2::int8',
          [gid, sid],
        );
        return r.rows[0]?.text ?? null;
      }),
    logs: (kind, lq, page) =>
      guard(`logs ${kind}`, async () => {
        checkPage(page);
        const [total, items] = await Promise.all([countLogs(db, kind, lq), listLogs(db, kind, lq, page)]);
        return { total, items };
      }),
    logsByCommunityId: (cid, limit) => guard('related logs', () => logsByCommunityId(db, cid, limit)),
    overview: (range, bucket) =>
      guard('overview', async () => {
        if (!(bucket > 0) || (range.to - range.from) / bucket > 100_000)
          throw badInput('/bucket', 'must be positive and give at most 100000 buckets');
        return overview(db, range, bucket);
      }),
    latestAudit: () => guard('latest audit', () => latestAudit(db)),

    retain: (before) =>
      guard('retain', () => {
        if (typeof before !== 'number' || Number.isNaN(before)) throw badInput('/before', 'must be a number');
        return db.tx(async (q) => {
          let n = await retainSamples(q, before);
          for (const t of TIME_KEYED) {
            const gone = (await q.query(`DELETE FROM ${t} WHERE ts < $1::float8`, [before])).rowCount;
            if (t === 'alerts' && gone > 0) await addAlertCount(q, -gone);
            n += gone;
          }
          // The newest audit run stays: it is the current posture, however old.
          n += (
            await q.query(
              'DELETE FROM audit_runs WHERE created < $1::float8 AND id <> (SELECT max(id) FROM audit_runs)',
              [before],
            )
          ).rowCount;
          // Batch ids older than the horizon: a retry that late would only re-store expired rows. (Clamped:
          // timestamptz ends in 294276; a horizon "after everything" must still work.)
          await q.query('DELETE FROM batches WHERE received_at < to_timestamp(least($1::float8, 1e11))', [
            before,
          ]);
          return n;
        });
      }),
  };
}

export { StoreError };
