/** Response shapes of docs/api.md, as the dashboard reads them. Fields a page does not use stay loose. */

/** The error body every non-2xx answer carries. */
export interface ErrorBody {
  error: string;
  message: string;
  details?: { path: string; message: string }[];
}

export interface ListResult<T> {
  total: number;
  items: T[];
}

export interface NodeSummary {
  node: string;
  first_sample_ts: number;
  last_sample_ts: number;
  samples: number;
  last_score: number | null;
  anomalous: boolean;
}

/** An alert: `vigil ids -A json` fields plus the server's columns. Kubernetes identity when known. */
/** Columns the server has no value for may come back as null. */
export interface Alert {
  id: number;
  ts: number;
  node: string;
  gid: number;
  sid: number;
  rev: number;
  msg: string;
  class?: string | null;
  classtype?: string | null;
  priority?: number | null;
  proto?: string | null;
  service?: string | null;
  community_id?: string | null;
  src_addr?: string | null;
  src_port?: number | null;
  dst_addr?: string | null;
  dst_port?: number | null;
  src_pod?: string | null;
  src_ns?: string | null;
  dst_pod?: string | null;
  dst_ns?: string | null;
  pkt_num?: number | null;
  pkt_len?: number | null;
  dir?: string | null;
  action?: string | null;
  drivers?: string[] | null;
}

export type LogKind = 'conn' | 'dns' | 'http' | 'ssl';
export const LOG_KINDS: readonly LogKind[] = ['conn', 'dns', 'http', 'ssl'];

/** A Zeek record: field names as Zeek spells them (`id.orig_h`). */
export type LogRecord = Record<string, unknown>;

export interface AlertDetail extends Alert {
  rule_text: string | null;
  related: Record<LogKind, LogRecord[]>;
}

export interface AlertGroup {
  key: string;
  gid?: number;
  sid?: number;
  msg?: string;
  src_addr?: string;
  count: number;
  first_ts: number;
  last_ts: number;
}

export interface Overview {
  nodes: NodeSummary[];
  alert_rate: { ts: number; count: number }[];
  top_signatures: { gid: number; sid: number; msg: string; count: number }[];
  top_talkers: { addr: string; alerts: number }[];
  newest_alerts: Alert[];
}

/** A node sample: `node`, `ts`, the 24 features (null when not read) and the attack label. */
export type Sample = { node: string; ts: number; attack: number } & Record<string, number | string | null>;

export interface ScorePoint {
  ts: number;
  score: number;
  multivariate: number;
  drivers: { feature: string; share: number }[];
}

export interface Scores {
  threshold: number;
  items: ScorePoint[];
}

export interface Finding {
  id: string;
  topic?: string;
  severity: string;
  object: { kind: string; namespace?: string; name: string };
  path: string;
  message: string;
  remediation?: string;
}

/** A workload of the reach graph; the server requires only `id`. */
export interface ReachNode {
  id: string;
  namespace?: string;
  name?: string;
  kind?: string;
  protected?: { ingress?: boolean; egress?: boolean };
}

export interface ReachGraph {
  nodes: ReachNode[];
  edges: { src: string; dst: string; conn?: string }[];
}

export interface AuditRun {
  run_id: number;
  created_ts: number;
  source: string;
  findings: Finding[];
  reach: ReachGraph | null;
}
