/**
 * The store's interface: one schema, two engines (PGlite embedded, PostgreSQL via a connection string).
 * The server and `vigil up` talk only to this; both backends pass the same conformance suite.
 * Timestamps are epoch seconds (numbers); rows mirror docs/api.md.
 */
import type { FeatureName } from '../metrics/features.js';

/**
 * E_STORE_UNAVAILABLE: the database cannot be reached (HTTP 503, retry); E_STORE_INPUT: the batch or query
 * is malformed, the message names the place (HTTP 400); E_STORE_QUERY / E_STORE_MIGRATION: anything else (500).
 */
export type StoreErrorCode = 'E_STORE_UNAVAILABLE' | 'E_STORE_INPUT' | 'E_STORE_QUERY' | 'E_STORE_MIGRATION';

/** A failure at the database boundary; `code` says which kind. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'StoreError';
  }
}

export type LogKind = 'conn' | 'dns' | 'http' | 'ssl';
export const LOG_KINDS: readonly LogKind[] = ['conn', 'dns', 'http', 'ssl'];

/** One node sample as stored: the 24 features (null = not read) and the attack label (0 normal, 1 attack). */
export type SampleRow = { node: string; ts: number; attack: number } & Record<FeatureName, number | null>;

/** An alert as ingested: `vigil ids -A json` output plus optional Kubernetes identity. */
export type AlertIn = Record<string, unknown> & {
  seconds: number;
  ts_usec?: number;
  gid: number;
  sid: number;
  rev: number;
  msg: string;
};

/** An alert as returned: the ingested JSON plus server columns (docs/api.md "An alert in a response"). */
export type AlertRow = Record<string, unknown> & { id: number; ts: number; node: string };

export interface RuleText {
  gid: number;
  sid: number;
  rev: number;
  text: string;
}

/** A Zeek log record as `vigil logs --format json` writes it (field names like `id.orig_h`). */
export type LogRow = Record<string, unknown>;

export interface IngestResult {
  accepted: number;
  duplicate: boolean;
}

export interface TimeRange {
  from?: number;
  to?: number;
}

export interface Page {
  limit: number;
  offset: number;
}

export interface AlertFilter extends TimeRange {
  sid?: number;
  gid?: number;
  node?: string;
  pod?: string;
  namespace?: string;
  addr?: string;
  port?: number;
  classtype?: string;
  priority?: number;
  proto?: string;
  communityId?: string;
  /** Text search over msg. */
  q?: string;
}

export type AlertSort = 'ts' | '-ts' | 'priority' | '-priority' | 'sid' | '-sid';

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

/**
 * One field condition of a log search: exact match, or substring (`~`) for string fields. A set or vector
 * field matches when one of its elements does; numbers compare as numbers (`1.50` equals `1.5`).
 */
export interface LogCondition {
  field: string;
  op: 'eq' | 'contains';
  value: string;
}

export interface LogQuery extends TimeRange {
  node?: string;
  where: LogCondition[];
  /** A Zeek field name, `-` prefix for descending; default `-ts`. */
  sort?: string;
}

export interface NodeSummary {
  node: string;
  first_sample_ts: number;
  last_sample_ts: number;
  samples: number;
  last_score: number | null;
  anomalous: boolean;
}

export interface ScoreRow {
  node: string;
  ts: number;
  score: number;
  multivariate: number;
  drivers: { feature: string; share: number }[];
}

export interface AuditRunIn {
  batchId: string;
  source: string;
  findings: unknown[];
  reach: unknown;
}

export interface AuditRun {
  run_id: number;
  created_ts: number;
  source: string;
  findings: unknown[];
  reach: unknown;
}

export interface Overview {
  alert_rate: { ts: number; count: number }[];
  top_signatures: { gid: number; sid: number; msg: string; count: number }[];
  top_talkers: { addr: string; alerts: number }[];
  newest_alerts: AlertRow[];
}

export interface Store {
  /** Which engine: 'pglite' or 'postgres'. */
  readonly engine: 'pglite' | 'postgres';
  /** Apply pending migrations (idempotent; safe from several servers at once on PostgreSQL). */
  migrate(): Promise<void>;
  /** Throws StoreError('E_STORE_UNAVAILABLE') when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;

  ingestSamples(batchId: string, rows: SampleRow[]): Promise<IngestResult>;
  ingestAlerts(batchId: string, node: string, alerts: AlertIn[], rules: RuleText[]): Promise<IngestResult>;
  ingestLogs(batchId: string, node: string, logs: Partial<Record<LogKind, LogRow[]>>): Promise<IngestResult>;
  ingestScores(rows: ScoreRow[]): Promise<void>;
  ingestAudit(run: AuditRunIn): Promise<{ run_id: number; duplicate: boolean }>;

  nodes(): Promise<NodeSummary[]>;
  samples(node: string, range: TimeRange, limit: number): Promise<SampleRow[]>;
  scores(node: string, range: TimeRange, limit: number): Promise<ScoreRow[]>;
  /** Set `attack` on the node's samples with from <= ts < to; returns how many rows changed. */
  label(node: string, from: number, to: number, attack: number): Promise<number>;

  alerts(f: AlertFilter, sort: AlertSort, page: Page): Promise<{ total: number; items: AlertRow[] }>;
  alertGroups(
    by: 'signature' | 'src',
    f: AlertFilter,
    page: Page,
  ): Promise<{ total: number; items: AlertGroup[] }>;
  alert(id: number): Promise<AlertRow | null>;
  ruleText(gid: number, sid: number): Promise<string | null>;
  logs(kind: LogKind, q: LogQuery, page: Page): Promise<{ total: number; items: LogRow[] }>;
  logsByCommunityId(communityId: string, limitPerKind: number): Promise<Record<LogKind, LogRow[]>>;
  overview(range: Required<TimeRange>, bucketSeconds: number): Promise<Overview>;
  latestAudit(): Promise<AuditRun | null>;

  /** Delete rows older than `before` (epoch seconds) from every time-keyed table; returns rows deleted. */
  retain(before: number): Promise<number>;
}
