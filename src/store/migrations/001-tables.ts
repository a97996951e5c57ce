import { FEATURE_NAMES } from '../../metrics/features.js';
import { LOG_KINDS } from '../store.js';
import { LOG_COLUMNS, logTable } from '../log-columns.js';
import { ident } from '../sql.js';
import { runAll, type Migration } from './migration.js';

// Timestamps are epoch seconds in double precision: the API's unit, exact for microseconds until 2255,
// and a (node, ts) key compares the very number the agent sent.

const samples = `CREATE TABLE samples (
  node text NOT NULL,
  ts double precision NOT NULL,
  ${FEATURE_NAMES.map((f) => `${ident(f)} double precision`).join(',\n  ')},
  attack smallint NOT NULL DEFAULT 0 CHECK (attack IN (0, 1)),
  PRIMARY KEY (node, ts)
)`;

const batches = `CREATE TABLE batches (
  kind text NOT NULL,
  batch_id text NOT NULL,
  rows integer NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, batch_id)
)`;

const alerts = `CREATE TABLE alerts (
  id bigserial PRIMARY KEY,
  ts double precision NOT NULL,
  node text NOT NULL,
  gid integer NOT NULL,
  sid bigint NOT NULL,
  rev integer NOT NULL,
  msg text NOT NULL,
  class text,
  classtype text,
  priority integer,
  proto text,
  src_addr text,
  src_port integer,
  dst_addr text,
  dst_port integer,
  dir text,
  service text,
  community_id text,
  src_pod text,
  src_ns text,
  dst_pod text,
  dst_ns text,
  doc jsonb NOT NULL
)`;

const rules = `CREATE TABLE rules (
  gid integer NOT NULL,
  sid bigint NOT NULL,
  rev integer NOT NULL,
  text text NOT NULL,
  PRIMARY KEY (gid, sid)
)`;

const scores = `CREATE TABLE scores (
  node text NOT NULL,
  ts double precision NOT NULL,
  score double precision NOT NULL,
  multivariate double precision NOT NULL,
  drivers jsonb NOT NULL,
  PRIMARY KEY (node, ts)
)`;

const audit = `CREATE TABLE audit_runs (
  id bigserial PRIMARY KEY,
  created double precision NOT NULL,
  source text NOT NULL,
  findings jsonb NOT NULL,
  reach jsonb,
  batch_id text NOT NULL UNIQUE
)`;

const logTables = LOG_KINDS.map(
  (k) => `CREATE TABLE ${logTable(k)} (
  id bigserial PRIMARY KEY,
  ts double precision NOT NULL,
  node text NOT NULL,
  ${LOG_COLUMNS[k].map((c) => `${ident(c.column)} ${c.type}`).join(',\n  ')},
  rec jsonb NOT NULL
)`,
);

export const m001Tables: Migration = {
  id: 1,
  name: 'tables',
  up: (q) => runAll(q, [samples, batches, alerts, rules, scores, audit, ...logTables]),
};
