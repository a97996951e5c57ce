import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Store } from '../store/store.js';

export type IngestKind = 'samples' | 'alerts' | 'logs' | 'audit' | 'scores';
export type IngestResultName = 'accepted' | 'duplicate' | 'rejected';

/** The server's own metrics, in a registry per server (tests create many servers in one process). */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'route' | 'method' | 'code'>;
  readonly duration: Histogram<'route' | 'method' | 'code'>;
  readonly ingestRows: Counter<'kind' | 'result'>;
  readonly ingestBatches: Counter<'kind' | 'result'>;
  readonly scoringFailures: Counter;
  readonly anomalyAlerts: Counter;
  readonly sseClients: Gauge;
  readonly readsInFlight: Gauge;
  readonly shedReads: Counter;

  constructor(store: Store, defaults: boolean) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'vigil_http_requests_total',
      help: 'HTTP requests by route pattern, method and status code',
      labelNames: ['route', 'method', 'code'],
      registers,
    });
    this.duration = new Histogram({
      name: 'vigil_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern, method and status code',
      labelNames: ['route', 'method', 'code'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.ingestRows = new Counter({
      name: 'vigil_ingest_rows_total',
      help: 'Ingested rows by kind and result (accepted, duplicate)',
      labelNames: ['kind', 'result'],
      registers,
    });
    this.ingestBatches = new Counter({
      name: 'vigil_ingest_batches_total',
      help: 'Ingest batches by kind and result (accepted, duplicate, rejected)',
      labelNames: ['kind', 'result'],
      registers,
    });
    this.scoringFailures = new Counter({
      name: 'vigil_scoring_failures_total',
      help: 'Sample batches stored but not scored because scoring failed',
      registers,
    });
    this.anomalyAlerts = new Counter({
      name: 'vigil_anomaly_alerts_total',
      help: 'Node anomaly alerts raised by live scoring',
      registers,
    });
    this.sseClients = new Gauge({
      name: 'vigil_events_clients',
      help: 'Open /api/v1/events streams',
      registers,
    });
    this.readsInFlight = new Gauge({
      name: 'vigil_api_reads_in_flight',
      help: 'GET /api/v1 requests being answered',
      registers,
    });
    this.shedReads = new Counter({
      name: 'vigil_api_reads_shed_total',
      help: 'GET /api/v1 requests answered 503 because too many reads were in flight',
      registers,
    });
    new Gauge({
      name: 'vigil_store_up',
      help: '1 when the store answered a ping at scrape time, else 0',
      registers,
      async collect() {
        try {
          await store.ping();
          this.set(1);
        } catch {
          this.set(0);
        }
      },
    });
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }

  ingest(kind: IngestKind, result: IngestResultName, rows: number): void {
    this.ingestBatches.inc({ kind, result });
    if (rows > 0) this.ingestRows.inc({ kind, result }, rows);
  }
}
