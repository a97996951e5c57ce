import { runAll, type Migration } from './migration.js';

/**
 * Per-node sample counts and first/last ts, kept by ingest and retention in the same transactions that
 * change `samples`: the node list (dashboard overview, /nodes) then reads one row per node instead of
 * aggregating millions of samples on every request.
 */
export const m004NodeStats: Migration = {
  id: 4,
  name: 'node-stats',
  up: (q) =>
    runAll(q, [
      `CREATE TABLE node_stats (
         node text PRIMARY KEY,
         first_ts double precision NOT NULL,
         last_ts double precision NOT NULL,
         samples bigint NOT NULL)`,
      `INSERT INTO node_stats SELECT node, min(ts), max(ts), count(*) FROM samples GROUP BY node`,
    ]),
};
