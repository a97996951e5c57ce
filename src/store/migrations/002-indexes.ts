import { LOG_KINDS } from '../store.js';
import { LOG_COLUMNS, logTable } from '../log-columns.js';
import { ident } from '../sql.js';
import { runAll, type Migration } from './migration.js';

/**
 * Indexes for the queries in store.ts. Alerts: the default page (ts desc), each equality filter with ts
 * as second key so "filter, newest first" reads the index in order and stops at the page; groups by
 * signature read (gid, sid, ts) only. Logs: ts, node, community_id (an alert's related records) and the
 * extracted look-up columns. Samples have only their key (node, ts): retention's scan of them is rare, an
 * index on ts would cost every ingest. Low-cardinality filters (classtype, priority, proto, conn_state) have none:
 * they are combined with a range or another filter, where an index would not pay for its ingest cost.
 */
const alertIndexes = [
  'CREATE INDEX alerts_ts ON alerts (ts, id)',
  'CREATE INDEX alerts_sid_ts ON alerts (sid, ts)',
  'CREATE INDEX alerts_sig_ts ON alerts (gid, sid, ts)',
  'CREATE INDEX alerts_node_ts ON alerts (node, ts)',
  'CREATE INDEX alerts_src_addr_ts ON alerts (src_addr, ts)',
  // src_addr included: "addr" counts as src = x plus (dst = x and src is not x), both index-only.
  'CREATE INDEX alerts_dst_addr_ts ON alerts (dst_addr, ts) INCLUDE (src_addr)',
  'CREATE INDEX alerts_community_id ON alerts (community_id)',
  'CREATE INDEX alerts_src_pod_ts ON alerts (src_pod, ts)',
  'CREATE INDEX alerts_dst_pod_ts ON alerts (dst_pod, ts)',
  'CREATE INDEX alerts_src_ns_ts ON alerts (src_ns, ts)',
  'CREATE INDEX alerts_dst_ns_ts ON alerts (dst_ns, ts)',
];

const logIndexes = LOG_KINDS.flatMap((k) => {
  const t = logTable(k);
  return [
    `CREATE INDEX ${t}_ts ON ${t} (ts, id)`,
    `CREATE INDEX ${t}_node_ts ON ${t} (node, ts)`,
    `CREATE INDEX ${t}_community_id ON ${t} (community_id)`,
    `CREATE INDEX ${t}_uid ON ${t} (uid)`,
    ...LOG_COLUMNS[k]
      .filter((c) => c.indexed)
      .map((c) => `CREATE INDEX ${t}_${c.column}_ts ON ${t} (${ident(c.column)}, ts)`),
  ];
});

export const m002Indexes: Migration = {
  id: 2,
  name: 'indexes',
  up: (q) =>
    runAll(q, [
      ...alertIndexes,
      ...logIndexes,
      'CREATE INDEX scores_ts ON scores (ts)',
      'CREATE INDEX log_dns_answers ON log_dns USING gin (answers)',
    ]),
};
