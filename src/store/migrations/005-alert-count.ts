import { runAll, type Migration } from './migration.js';

/** Shards of the alert counter: concurrent alert batches update different rows instead of queueing on one. */
export const ALERT_COUNT_SHARDS = 16;

/**
 * The number of alerts, kept by alert ingest and retention in their transactions: the unfiltered alert
 * list (the dashboard's default view) answers its exact `total` from 16 rows instead of counting every
 * alert (180 ms for 1M alerts on the loaded 2-core machine, growing with retention).
 */
export const m005AlertCount: Migration = {
  id: 5,
  name: 'alert-count',
  up: (q) =>
    runAll(q, [
      'CREATE TABLE alert_count (shard integer PRIMARY KEY, n bigint NOT NULL)',
      `INSERT INTO alert_count SELECT s, 0 FROM generate_series(0, ${ALERT_COUNT_SHARDS - 1}) s`,
      'UPDATE alert_count SET n = (SELECT count(*) FROM alerts) WHERE shard = 0',
    ]),
};
